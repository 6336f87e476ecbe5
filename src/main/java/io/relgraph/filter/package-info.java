/**
 * The read language's inputs and rules: the {@code where} filters ({@code XWhere}, {@code IdFilter},
 * {@code StringFilter}, {@code DateTimeFilter}, the quantifier matches {@code XMatch}) and the
 * {@code sort} keys ({@code XSort}) of the GraphQL schema, and the checks every value of them passes
 * before any SQL is written, for a literal of the document and a variable alike ({@link
 * io.relgraph.filter.Filters}, {@link io.relgraph.filter.Sorts}): nothing null or empty is dropped
 * silently (VALIDATION), and nesting, comparisons and {@code in} lists are bounded (LIMIT_EXCEEDED,
 * with the number). What a field of a where means is read from the relational model; the read
 * compiler ({@code io.relgraph.compiler.Conditions}) writes the SQL. See docs/asking-questions.md.
 */
package io.relgraph.filter;
