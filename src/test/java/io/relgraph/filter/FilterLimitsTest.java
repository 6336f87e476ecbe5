package io.relgraph.filter;

import static io.relgraph.filter.Ask.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;

/**
 * Rules 3 and 6: nothing is silently dropped (a null condition or an empty filter or match is
 * VALIDATION), and a where over the limits (more than 4 nested quantifiers, more than 100
 * comparisons, an in list longer than the page limit) is LIMIT_EXCEEDED with the number, in a
 * literal or a variable alike, before any SQL runs (counted by PostgreSQL).
 */
@QuarkusTest
class FilterLimitsTest {

    /** The request is refused with this code, and the database ran no statement for it. */
    private static String refusedBeforeSql(String code, String query, Object... variables) {
        Database.requirePgStatStatements();
        Database.resetStatementCounts();
        String message = refused(code, query, variables);
        assertEquals(0L, Database.applicationStatements(), message);
        return message;
    }

    private static void contains(String message, String part) {
        assertTrue(message.contains(part), message);
    }

    @Test
    void aNullConditionOrAnEmptyFilterIsRefused() {
        contains(refusedBeforeSql("VALIDATION", "{ departments(where: {name: {eq: null}}) { id } }"), "where.name.eq is null");
        contains(refusedBeforeSql("VALIDATION", "{ departments(where: {name: {}}) { id } }"), "where.name is an empty filter");
        contains(refusedBeforeSql("VALIDATION", "{ departments(where: {employees: {}}) { id } }"), "where.employees is empty");
        contains(refusedBeforeSql("VALIDATION", "{ departments(where: {not: null}) { id } }"), "where.not is null");
        // the same in a variable
        Map<String, Object> nullEq = new HashMap<>();
        nullEq.put("eq", null);
        contains(refusedBeforeSql("VALIDATION", "query($w: DepartmentWhere) { departments(where: $w) { id } }", "w",
                Map.of("name", nullEq)), "where.name.eq is null");
        contains(refusedBeforeSql("VALIDATION", "query($w: LinkWhere) { department(id: 1) { employeeLinks(where: $w) { extraData } } }",
                "w", Map.of("extraData", Map.of())), "where.extraData is an empty filter");
        contains(refusedBeforeSql("VALIDATION", "query($w: LinkWhere) { department(id: 1) { employeeLinks(where: $w) { extraData } } }",
                "w", Map.of("employee", Map.of("id", Map.of("eq", "ten")))), "where.employee.id.eq must be an ID");
    }

    @Test
    void moreThanFourNestedQuantifiersAreRefused() {
        String five = "{ departments(where: {employees: {some: {departments: {some: {employees: {every: {departments: {none:"
                + " {employees: {some: {}}}}}}}}}}}) { id } }";
        String message = refusedBeforeSql("LIMIT_EXCEEDED", five);
        assertTrue(message.contains("quantifier 5") && message.contains("more than 4"), message);
        String four = "{ departments(first: 1, where: {employees: {some: {departments: {some: {employees: {every: {departments: {none:"
                + " {}}}}}}}}}) { id } }";
        assertNull(Ask.post(four).json().get("errors"));
        // in a variable
        Map<String, Object> w = Map.of("employees", Map.of("some", Map.of("departments", Map.of("some", Map.of("employees",
                Map.of("some", Map.of("departments", Map.of("some", Map.of("employees", Map.of("none", Map.of()))))))))));
        String m2 = refusedBeforeSql("LIMIT_EXCEEDED", "query($w: DepartmentWhere) { departments(where: $w) { id } }", "w", w);
        assertTrue(m2.contains("quantifier 5"), m2);
    }

    @Test
    void moreThanAHundredComparisonsAreRefused() {
        List<Object> or = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            or.add(Map.of("name", Map.of("eq", "n" + i)));
        }
        String message = refusedBeforeSql("LIMIT_EXCEEDED", "query($w: EmployeeWhere) { employees(where: $w) { id } }", "w", Map.of("or", or));
        assertTrue(message.contains("more than 100 comparisons") && message.contains("101"), message);
        StringBuilder literal = new StringBuilder("{ employees(where: {or: [");
        for (int i = 0; i < 101; i++) {
            literal.append("{id: {eq: ").append(i + 1).append("}} ");
        }
        String m2 = refusedBeforeSql("LIMIT_EXCEEDED", literal.append("]}) { id } }").toString());
        assertTrue(m2.contains("101"), m2);
    }

    @Test
    void anInListLongerThanThePageLimitIsRefused() {
        List<String> ids = new ArrayList<>(Collections.nCopies(1001, "1"));
        String message = refusedBeforeSql("LIMIT_EXCEEDED", "query($ids: [ID!]) { employees(first: 1, where: {id: {in: $ids}}) { id } }",
                "ids", ids);
        assertTrue(message.contains("1001 values, more than 1000"), message);
        assertNull(Ask.post("query($ids: [ID!]) { employees(first: 1, where: {id: {notIn: $ids}}) { id } }", "ids",
                ids.subList(0, 1000)).json().get("errors"));
    }
}
