/**
 * Mutations answered without the per-field engine. A mutation operation of one root field whose
 * result is a row of the relational model (or a Boolean) is run here: {@link MutationFields} found the
 * {@code @Mutation} method of that field once at start (the same method SmallRye would call, with its
 * argument checks, its service and its error mapping), {@link MutationRunner} calls it with the
 * request's checked arguments and writes the payload itself: from the returned row when the selection
 * asks only for the row's own text and id columns (the hot write: its one statement), else as one
 * compiled read of the selection by the row's key ({@code compiler.ReadCompiler}), run in the write's
 * own transaction (the runner opens it with Panache and the service joins it; the read runs on its
 * connection after the session is flushed), so the payload sees the write and nothing committed by
 * others in between, and a payload that fails rolls the write back. The response's {@code X-Relgraph-Lsn}
 * (the commit's WAL position, {@code replica.CommitPosition}) is read on the write's own connection:
 * pipelined behind the hot write's one statement (the same round trip), or after the commit of the
 * runner's transaction; a service's own transaction leaves it to a read on the pool after the answer.
 * Anything else (several root fields, key changes, a selection the compiler does not cover) is handed
 * to SmallRye before anything is written, so both paths answer the same request the same way.
 */
package io.relgraph.mutation;
