package io.relgraph.filter;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Sends reads of the read language and reads the tables beside them with plain SQL. */
final class Ask {

    private Ask() {
    }

    record Answer(String engine, JsonPath json, String body) {
    }

    static Answer post(String query, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        var response = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", vars)).when().post("/graphql").then()
                .statusCode(200).extract();
        return new Answer(response.header("X-Relgraph-Engine"), JsonPath.from(response.asString()), response.asString());
    }

    /** A read the compiler must answer without errors. */
    static JsonPath ok(String query, Object... variables) {
        Answer a = post(query, variables);
        assertNull(a.json().get("errors"), a.body());
        assertEquals("compiled", a.engine(), a.body());
        return a.json();
    }

    /** A read refused with one error of this code; its message. */
    static String refused(String code, String query, Object... variables) {
        Answer a = post(query, variables);
        assertEquals(code, a.json().getString("errors[0].extensions.code"), a.body());
        assertEquals(1, a.json().getList("errors").size(), a.body());
        return a.json().getString("errors[0].message");
    }

    static long insert(String sql, Object... params) {
        return ((Number) Database.value(sql, params)).longValue();
    }

    /** The first column of each row, as text. */
    static List<String> column(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        Database.rows(sql, params).forEach(row -> {
            Object v = row.values().iterator().next();
            out.add(v == null ? null : v.toString());
        });
        return out;
    }
}
