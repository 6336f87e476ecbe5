/**
 * The read compiler: turns a validated GraphQL query operation into one parameterized SQL statement
 * whose single text column is the JSON of the response's {@code data}, built inside PostgreSQL
 * (json_build_object / json_agg over LATERAL subqueries). Plans are cached per document and
 * operation; a request costs a cache lookup, binding its variables and one statement on the pool.
 * What the compiler does not cover, or any request whose answer would differ (an argument the API
 * refuses, a list over the page limit), is answered by the resolver engine instead.
 */
package io.relgraph.compiler;
