package io.relgraph.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads the single-column foreign keys of a schema from PostgreSQL's catalog. The migrations are the
 * only place the foreign keys are written down; the relational model ({@code io.relgraph.model}) reads
 * them through here once at start, after Flyway has migrated, and what depends on them (which rows
 * follow a key change by themselves, which relations the API serves and how they join) asks the model
 * instead of repeating them, so a migration that changes a foreign key changes that behaviour with it.
 */
public final class ForeignKeys {

    private static final Logger LOG = Logger.getLogger(ForeignKeys.class);

    private ForeignKeys() {
    }

    /** What PostgreSQL does to the referencing rows when the referenced key is updated or deleted (confupdtype, confdeltype). */
    public enum Action {
        NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT;

        static Action of(String code) {
            return switch (code) {
                case "a" -> NO_ACTION;
                case "r" -> RESTRICT;
                case "c" -> CASCADE;
                case "n" -> SET_NULL;
                case "d" -> SET_DEFAULT;
                default -> throw new IllegalStateException("unknown foreign key action '" + code + "' in pg_constraint");
            };
        }
    }

    /**
     * {@code table.column} references {@code referencedTable.referencedColumn}.
     *
     * @param name the constraint's name
     * @param toPrimaryKey whether the referenced column is the referenced table's whole primary key
     * @param notNull whether the referencing column is NOT NULL (else a row may reference nothing)
     * @param initiallyDeferred whether it is checked at commit unless a transaction says otherwise
     * @param unique whether the referencing column alone is unique (at most one row references a key: a one-to-one)
     */
    public record ForeignKey(String name, String table, String column, String referencedTable, String referencedColumn, boolean toPrimaryKey,
            Action onUpdate, Action onDelete, boolean deferrable, boolean notNull, boolean initiallyDeferred, boolean unique) {

        /** Whether its check waits for the commit, so a transaction may change the key and then move the rows. */
        public boolean checkedAtCommit() {
            return deferrable && initiallyDeferred;
        }

        /** Whether PostgreSQL moves the referencing rows itself when the referenced key changes (ON UPDATE CASCADE). */
        public boolean cascadesOnUpdate() {
            return onUpdate == Action.CASCADE;
        }

        /** {@code "table.column"}, the referencing side. */
        public String relation() {
            return table + "." + column;
        }
    }

    // Ordered by the constraint's oid, i.e. in the order the migrations declared them: answers that
    // list the references of a table (a key change's cascaded rows) come out in a stable order.
    private static final String SQL = """
            select c.conname, cardinality(c.conkey) as columns, src.relname as table_name, col.attname as column_name,
                   dst.relname as referenced_table,
                   ref.attname as referenced_column,
                   exists (select 1 from pg_catalog.pg_constraint pk
                           where pk.conrelid = c.confrelid and pk.contype = 'p' and pk.conkey = c.confkey) as to_primary_key,
                   c.confupdtype::text as on_update, c.confdeltype::text as on_delete, c.condeferrable, c.condeferred, col.attnotnull,
                   exists (select 1 from pg_catalog.pg_constraint u
                           where u.conrelid = c.conrelid and u.contype in ('u', 'p') and u.conkey = c.conkey) as is_unique
            from pg_catalog.pg_constraint c
            join pg_catalog.pg_class src on src.oid = c.conrelid
            join pg_catalog.pg_namespace src_ns on src_ns.oid = src.relnamespace
            join pg_catalog.pg_class dst on dst.oid = c.confrelid
            join pg_catalog.pg_namespace dst_ns on dst_ns.oid = dst.relnamespace
            join pg_catalog.pg_attribute col on col.attrelid = c.conrelid and col.attnum = c.conkey[1]
            join pg_catalog.pg_attribute ref on ref.attrelid = c.confrelid and ref.attnum = c.confkey[1]
            where c.contype = 'f'
              and c.convalidated      -- a NOT VALID key does not vouch for the rows it predates
              and c.conparentid = 0   -- a partition's copy of its parent's key is not a key of its own
              and src_ns.nspname = coalesce($1::text, current_schema()) and dst_ns.nspname = coalesce($1::text, current_schema())
            order by c.oid""";

    /** The validated single-column foreign keys of {@code schema} (null: the current one), in the order they were declared. */
    public static List<ForeignKey> read(Pool pool, String schema, Duration timeout) {
        List<ForeignKey> read = new ArrayList<>();
        for (Row r : pool.preparedQuery(SQL).execute(io.vertx.mutiny.sqlclient.Tuple.of(schema)).await().atMost(timeout)) {
            if (r.getInteger("columns") != 1) {
                LOG.warnf("Foreign key %s of %s has %d columns: key changes do not move its rows and compiled reads do not rely on it",
                        r.getString("conname"), r.getString("table_name"), r.getInteger("columns"));
                continue;
            }
            read.add(new ForeignKey(r.getString("conname"), r.getString("table_name"), r.getString("column_name"),
                    r.getString("referenced_table"), r.getString("referenced_column"), r.getBoolean("to_primary_key"),
                    Action.of(r.getString("on_update")), Action.of(r.getString("on_delete")), r.getBoolean("condeferrable"),
                    r.getBoolean("attnotnull"), r.getBoolean("condeferred"), r.getBoolean("is_unique")));
        }
        return List.copyOf(read);
    }
}
