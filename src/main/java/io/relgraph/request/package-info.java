/**
 * The request pipeline: the one entry every {@code POST /graphql} passes, in front of SmallRye's
 * handler. In order: the body (size, UTF-8, JSON shape), the document (length, parse, NUL
 * characters, validation against the schema SmallRye built, the operation, the variables), the
 * limits (depth, fields, and the rows a query may return, all before any SQL), authorization, and
 * then the answer: compiled into one SQL statement by {@link io.relgraph.compiler.ReadCompiler}, or
 * resolved field by field by graphql-java (mutations, introspection, what the compiler leaves). So
 * both engines see only requests that passed the same checks, and a refused request runs nothing.
 */
package io.relgraph.request;
