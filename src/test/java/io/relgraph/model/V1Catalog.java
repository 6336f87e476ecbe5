package io.relgraph.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relgraph.db.ForeignKeys.Action;
import io.relgraph.db.ForeignKeys.ForeignKey;

/**
 * The catalog facts of db/migration/V1__schema.sql, written out for tests that build the model
 * without a database (the compiler's golden tests). {@code CatalogFactsTest} checks them against
 * what the running application reads from PostgreSQL, so they cannot drift from the migration.
 */
public final class V1Catalog {

    private V1Catalog() {
    }

    private static CatalogFacts.Table table(String name, List<String> key, String... columnsAndTypes) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndTypes.length; i += 2) {
            columns.put(columnsAndTypes[i], columnsAndTypes[i + 1]);
        }
        return new CatalogFacts.Table(name, columns, key);
    }

    public static CatalogFacts facts() {
        Map<String, CatalogFacts.Table> tables = new LinkedHashMap<>();
        for (CatalogFacts.Table t : List.of(
                table("address", List.of("id"), "id", "bigint", "address", "character varying", "user_id", "bigint"),
                table("department", List.of("id"), "id", "bigint", "name", "character varying", "head_id", "bigint"),
                table("department_employee_link", List.of("department_id", "employee_id"), "department_id", "bigint", "employee_id", "bigint",
                        "extra_data", "character varying"),
                table("employee", List.of("id"), "id", "bigint", "name", "character varying", "hired_on", "timestamp with time zone"),
                table("post", List.of("id"), "id", "bigint", "owner_id", "bigint", "title", "character varying"),
                table("users", List.of("id"), "id", "bigint", "name", "character varying"))) {
            tables.put(t.name(), t);
        }
        return new CatalogFacts(tables, List.of(
                new ForeignKey("department_head_id_fkey", "department", "head_id", "employee", "id", true, Action.CASCADE, Action.SET_NULL, false,
                        false, false, true),
                new ForeignKey("department_employee_link_department_id_fkey", "department_employee_link", "department_id", "department", "id", true,
                        Action.CASCADE, Action.CASCADE, false, true, false, false),
                new ForeignKey("department_employee_link_employee_id_fkey", "department_employee_link", "employee_id", "employee", "id", true,
                        Action.CASCADE, Action.CASCADE, false, true, false, false),
                new ForeignKey("post_owner_id_fkey", "post", "owner_id", "users", "id", true, Action.CASCADE, Action.CASCADE, false, false, false,
                        false),
                new ForeignKey("address_user_id_fkey", "address", "user_id", "users", "id", true, Action.NO_ACTION, Action.NO_ACTION, true, false,
                        true, false)));
    }

    /** The model of V1 under the API's names. */
    public static RelationalModel model() {
        return RelationalModel.build(ApiNames.API, facts());
    }
}
