/**
 * The one relational model of the read API: tables, columns, keys and relations (both directions,
 * the link table as its own view, to-one and to-many, list order and page key), built at start from
 * PostgreSQL's catalog ({@link io.relgraph.model.CatalogFacts}) and one declaration of the GraphQL
 * names ({@link io.relgraph.model.ApiNames}, which also declares the root fields over each type and
 * the arguments they filter by). The read compiler and the resolver engine ({@code graphql.RootReads},
 * {@code graphql.RelationLoader}) write their SQL from it, the key change finds its tables in it (its
 * GraphQL enum only names the model's keyed types, checked at start), a mutation's payload the root field
 * that reads its row by key, and a live query the tables it reads, so a relation's join columns, order and page key are stated once,
 * by the migration; a schema the model cannot serve safely (an unknown column, a foreign key a key
 * change would break) stops the start with a message naming it.
 */
package io.relgraph.model;
