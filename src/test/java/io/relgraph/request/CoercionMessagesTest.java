package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.vertx.core.json.JsonObject;

/**
 * An argument of the wrong type is refused with VALIDATION and a message in the API's words: the
 * argument, the GraphQL type it must be (ID, Int, String, DateTime, an enum) and what it got; never
 * graphql-java's or SmallRye's class names (StringValue, ArrayValue, BigInteger) or codes (SRGQL...).
 * A refused mutation writes nothing.
 */
@QuarkusTest
class CoercionMessagesTest extends RawHttpTest {

    /** What no message may contain: the engines' class names, their message codes, their error kinds. */
    static final Pattern ENGINE_WORDS = Pattern.compile(
            "\\w+Value\\{|BigInteger|BigDecimal|SRGQL|WrongType|AST type|java\\.|graphql\\.|smallrye|DataFetchingException");

    private RawRequests.Answer send(String query, JsonObject variables) {
        return requests.post(new JsonObject().put("query", query).put("variables", variables).encode());
    }

    private String refused(String query, String expectedInMessage) {
        RawRequests.Answer a = send(query, null);
        assertEquals("VALIDATION", a.firstCode(), a.body());
        assertEquals(1, a.json().getJsonArray("errors").size(), a.body());
        String message = a.firstMessage();
        assertFalse(ENGINE_WORDS.matcher(message).find(), "engine words in: " + message);
        assertTrue(message.contains(expectedInMessage), "\"" + expectedInMessage + "\" in: " + message);
        return message;
    }

    @Test
    void literalsOfTheWrongTypeAreNamedByTheirGraphQLTypes() {
        assertEquals("Argument 'id' of 'department' must be an ID (a positive integer), got a list",
                refused("{ department(id: []) { id } }", "an ID"));
        refused("{ department(id: 1.5) { id } }", "got the Float 1.5");
        refused("{ department(id: true) { id } }", "got the Boolean true");
        refused("{ department(id: {a: 1}) { id } }", "got an input object");
        refused("{ department(id: \"[]\") { id } }", "must be a positive integer");
        assertEquals("Argument 'first' of 'departments' must be an Int (a whole number of 32 bits), got the String \"x\"",
                refused("{ departments(first: \"x\") { id } }", "an Int"));
        refused("{ departments(first: 1.5) { id } }", "an Int");
        refused("{ departmentByName(name: 5) { id } }", "must be a String, got the Int 5");
        refused("{ departmentPage(orderBy: FOO) { totalCount } }", "must be a ListOrder value, got the enum value FOO");
        refused("{ departmentPage(orderBy: \"ID_ASC\") { totalCount } }", "got the String \"ID_ASC\"");
        refused("{ department(id: 1) { employees(after: [1]) { id } } }", "Argument 'after' of 'employees' must be an ID");
    }

    @Test
    void aDateTimeThatIsNotOneIsRefusedBeforeTheMutationRuns() {
        String name = io.relgraph.GraphQL.unique("Coercion");
        String message = refused("mutation { createEmployee(name: \"" + name + "\", hiredOn: \"yesterday\") { id } }", "DateTime");
        assertTrue(message.contains("hiredOn") && message.contains("yesterday"), message);
        refused("mutation { createEmployee(name: \"" + name + "\", hiredOn: 5) { id } }", "DateTime");
        RawRequests.Answer viaVariable = send("mutation($d: DateTime) { createEmployee(name: \"" + name + "\", hiredOn: $d) { id } }",
                new JsonObject().put("d", "2026-13-45"));
        assertEquals("VALIDATION", viaVariable.firstCode(), viaVariable.body());
        assertFalse(ENGINE_WORDS.matcher(viaVariable.firstMessage()).find(), viaVariable.firstMessage());
        assertEquals(0, Database.count("select count(*) from employee where name = ?", name), "nothing was written");

        // a real one still works
        RawRequests.Answer ok = send("mutation($d: DateTime) { createEmployee(name: \"" + name + "\", hiredOn: $d) { name } }",
                new JsonObject().put("d", "2026-11-29T10:00:00Z"));
        assertEquals(name, ok.json().getJsonObject("data").getJsonObject("createEmployee").getString("name"), ok.body());
        assertEquals(List.of(1L), List.of(Database.count("select count(*) from employee where name = ?", name)));
    }
}
