package io.relgraph.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relgraph.db.ForeignKeys;
import io.relgraph.db.ForeignKeys.ForeignKey;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What PostgreSQL's catalog says of one schema's tables: each table's columns with their types, its
 * primary key, and the foreign keys ({@link ForeignKeys}). The relational model is built from these
 * facts and the declared names only.
 */
public record CatalogFacts(Map<String, Table> tables, List<ForeignKey> foreignKeys) {

    /** A table: column name to its type ({@code format_type}), in column order, and its primary key's columns in key order. */
    public record Table(String name, Map<String, String> columns, List<String> primaryKey) {
    }

    private static final String COLUMNS = """
            select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, null) as column_type,
                   coalesce(array_position(pk.conkey, a.attnum), 0) as key_position
            from pg_catalog.pg_class c
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            left join pg_catalog.pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p'
            where c.relkind in ('r', 'p') and n.nspname = coalesce($1::text, current_schema())
            order by c.relname, a.attnum""";

    /** Reads the facts of {@code schema} (null: the current schema, where Flyway migrates). */
    public static CatalogFacts read(Pool pool, String schema, java.time.Duration timeout) {
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        Map<String, Map<Integer, String>> keys = new LinkedHashMap<>();
        for (Row r : pool.preparedQuery(COLUMNS).execute(Tuple.of(schema)).await().atMost(timeout)) {
            String table = r.getString("table_name");
            columns.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(r.getString("column_name"), r.getString("column_type"));
            int position = r.getInteger("key_position");
            if (position > 0) {
                keys.computeIfAbsent(table, t -> new java.util.TreeMap<>()).put(position, r.getString("column_name"));
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        columns.forEach((name, cols) -> tables.put(name, new Table(name, cols,
                new ArrayList<>(keys.getOrDefault(name, Map.of()).values()))));
        return new CatalogFacts(tables, ForeignKeys.read(pool, schema, timeout));
    }
}
