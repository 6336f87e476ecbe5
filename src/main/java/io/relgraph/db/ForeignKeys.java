package io.relgraph.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The single-column foreign keys of the current schema (where Flyway migrates), read from PostgreSQL's catalog once at
 * start. The migrations are the only place the relational model's foreign keys are written down; what
 * depends on them (which rows follow a key change by themselves, which reads may trust a reference to
 * exist) asks here instead of repeating them, so a migration that changes a foreign key changes that
 * behaviour with it. They are read when the application starts, after Flyway has migrated (Quarkus
 * runs the migration before it fires {@link StartupEvent}), and a schema that cannot be read stops
 * the start with its cause rather than failing a request later.
 */
@Singleton
public class ForeignKeys {

    private static final Logger LOG = Logger.getLogger(ForeignKeys.class);

    /** Long enough for a cold embedded server, short enough that a hung database stops the start instead of hanging it. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

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
     * @param toPrimaryKey whether the referenced column is the referenced table's whole primary key
     * @param notNull whether the referencing column is NOT NULL (else a row may reference nothing)
     */
    public record ForeignKey(String table, String column, String referencedTable, String referencedColumn, boolean toPrimaryKey,
            Action onUpdate, Action onDelete, boolean deferrable, boolean notNull) {

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
                   c.confupdtype::text as on_update, c.confdeltype::text as on_delete, c.condeferrable, col.attnotnull
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
              and src_ns.nspname = current_schema() and dst_ns.nspname = current_schema()
            order by c.oid""";

    private final Pool pool;
    private volatile List<ForeignKey> all;

    public ForeignKeys(Pool pool) {
        this.pool = pool;
    }

    void read(@Observes StartupEvent event) {
        List<ForeignKey> read = new ArrayList<>();
        try {
            for (Row r : pool.query(SQL).execute().await().atMost(READ_TIMEOUT)) {
                if (r.getInteger("columns") != 1) {
                    LOG.warnf("Foreign key %s of %s has %d columns: key changes do not move its rows and compiled reads do not rely on it",
                            r.getString("conname"), r.getString("table_name"), r.getInteger("columns"));
                    continue;
                }
                read.add(new ForeignKey(r.getString("table_name"), r.getString("column_name"), r.getString("referenced_table"),
                        r.getString("referenced_column"), r.getBoolean("to_primary_key"), Action.of(r.getString("on_update")),
                        Action.of(r.getString("on_delete")), r.getBoolean("condeferrable"), r.getBoolean("attnotnull")));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not read the foreign keys of the current schema from pg_catalog: " + e.getMessage(), e);
        }
        all = List.copyOf(read);
        LOG.debugf("Foreign keys read from pg_catalog: %s", all);
    }

    /** Every validated single-column foreign key of the current schema (Flyway's), in the order they were declared. */
    public List<ForeignKey> all() {
        List<ForeignKey> keys = all;
        if (keys == null) {
            throw new IllegalStateException("The foreign keys are read from pg_catalog at start and were asked for before");
        }
        return keys;
    }

    /** The foreign keys that reference {@code table}'s primary key, in the order they were declared. */
    public List<ForeignKey> referencing(String table) {
        return all().stream().filter(fk -> fk.toPrimaryKey() && fk.referencedTable().equals(table)).toList();
    }

    /** The foreign key on {@code table.column}, if that column is one. */
    public Optional<ForeignKey> find(String table, String column) {
        return all().stream().filter(fk -> fk.table().equals(table) && fk.column().equals(column)).findFirst();
    }
}
