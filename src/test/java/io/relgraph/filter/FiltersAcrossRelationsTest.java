package io.relgraph.filter;

import static io.relgraph.GraphQL.unique;
import static io.relgraph.filter.Ask.column;
import static io.relgraph.filter.Ask.insert;
import static io.relgraph.filter.Ask.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;

/**
 * {@code where} across relations, answered by the compiler in one statement: to-one relations, the
 * quantifiers some / every / none over lists, and/or/not, with the two-valued logic of the issue's
 * semantics (rules 1, 2 and 4). Every expected answer is read from the tables with plain SQL.
 */
@QuarkusTest
class FiltersAcrossRelationsTest {

    private static String p;
    private static long sales;
    private static long it;
    private static long empty;

    /** Sales (head Mary): John part-time, Bill (no extraData), Ödön "100%_done"; IT (no head): John full-time, Ödön part-time; Empty. */
    @BeforeAll
    static void world() {
        p = unique("Ask");
        long john = insert("insert into employee (name) values (?) returning id", p + "-John");
        long mary = insert("insert into employee (name) values (?) returning id", p + "-Mary");
        long bill = insert("insert into employee (name) values (?) returning id", p + "-Bill");
        long odon = insert("insert into employee (name) values (?) returning id", p + "-Ödön");
        sales = insert("insert into department (name, head_id) values (?, ?) returning id", p + "-Sales", mary);
        it = insert("insert into department (name) values (?) returning id", p + "-IT");
        empty = insert("insert into department (name) values (?) returning id", p + "-Empty");
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'part-time'),"
                + " (?, ?, null), (?, ?, '100%_done'), (?, ?, 'full-time'), (?, ?, 'part-time')", sales, john, sales, bill, sales, odon, it,
                john, it, odon);
    }

    private static List<String> names(Map<String, Object> json, String path) {
        return io.restassured.path.json.JsonPath.from(new io.vertx.core.json.JsonObject(json).encode()).getList(path);
    }

    @Test
    void partTimeInADepartmentHeadedByMary() {
        String query = "query($p: String!, $mary: String!) { employees(where: {name: {startsWith: $p}, departmentLinks: {some: {extraData:"
                + " {eq: \"part-time\"}, department: {head: {name: {eq: $mary}}}}}}) { name } }";
        List<String> answer = ok(query, "p", p, "mary", p + "-Mary").getList("data.employees.name");
        List<String> expected = column("select e.name from employee e where e.name like ? and exists (select 1 from department_employee_link l"
                + " join department d on d.id = l.department_id join employee h on h.id = d.head_id where l.employee_id = e.id"
                + " and l.extra_data = 'part-time' and h.name = ?) order by e.id", p + "%", p + "-Mary");
        assertEquals(List.of(p + "-John"), expected);
        assertEquals(expected, answer);

        // the same where in one variable: the same answer
        Map<String, Object> where = Map.of("name", Map.of("startsWith", p), "departmentLinks", Map.of("some", Map.of("extraData",
                Map.of("eq", "part-time"), "department", Map.of("head", Map.of("name", Map.of("eq", p + "-Mary"))))));
        assertEquals(expected, ok("query($w: EmployeeWhere) { employees(where: $w) { name } }", "w", where).getList("data.employees.name"));
    }

    @Test
    void someEveryAndNoneOverLists() {
        String mine = "name: {startsWith: \"" + p + "\"}";
        // none: {} is "has none"; some: {} "has at least one"
        assertEquals(column("select name from department d where name like ? and not exists (select 1 from department_employee_link l"
                + " where l.department_id = d.id) order by id", p + "%"),
                ok("{ departments(where: {" + mine + ", employees: {none: {}}}) { name } }").getList("data.departments.name"));
        assertEquals(List.of(p + "-Empty"), ok("{ departments(where: {" + mine + ", employees: {none: {}}}) { name } }")
                .getList("data.departments.name"));
        assertEquals(column("select name from department d where name like ? and exists (select 1 from department_employee_link l"
                + " where l.department_id = d.id) order by id", p + "%"),
                ok("{ departments(where: {" + mine + ", employees: {some: {}}}) { name } }").getList("data.departments.name"));
        // every: true with no related rows, false when a related row's value is null (Bill's link in Sales)
        List<String> every = ok("{ departments(where: {" + mine + ", employeeLinks: {every: {extraData: {eq: \"part-time\"}}}}) { name } }")
                .getList("data.departments.name");
        assertEquals(column("select name from department d where name like ? and not exists (select 1 from department_employee_link l"
                + " where l.department_id = d.id and l.extra_data is distinct from 'part-time') order by id", p + "%"), every);
        assertEquals(List.of(p + "-Empty"), every);
        // every and some together on one list, and a quantifier nested in a quantifier
        List<String> nested = ok("{ employees(where: {" + mine + ", departments: {some: {employees: {some: {name: {eq: \"" + p
                + "-Bill\"}}}}}}) { name } }").getList("data.employees.name");
        assertEquals(column("select e.name from employee e where e.name like ? and exists (select 1 from department_employee_link l"
                + " join department_employee_link l2 on l2.department_id = l.department_id join employee b on b.id = l2.employee_id"
                + " where l.employee_id = e.id and b.name = ?) order by e.id", p + "%", p + "-Bill"), nested);
        assertEquals(3, nested.size());
    }

    @Test
    void notNeAndNotInAreExactComplements() {
        String mine = "department: {name: {startsWith: \"" + p + "\"}}";
        List<String> expected = column("select coalesce(extra_data, '<null>') from department_employee_link l join department d on"
                + " d.id = l.department_id where d.name like ? and l.extra_data is distinct from 'part-time' order by l.department_id,"
                + " l.employee_id", p + "%");
        assertEquals(3, expected.size());
        assertFalse(expected.contains("part-time"));
        for (String where : List.of("not: {extraData: {eq: \"part-time\"}}", "extraData: {ne: \"part-time\"}",
                "extraData: {notIn: [\"part-time\"]}", "not: {extraData: {in: [\"part-time\"]}}")) {
            List<String> answer = ok("{ links(where: {" + mine + ", " + where + "}) { extraData } }").getList("data.links.extraData");
            assertEquals(expected, answer.stream().map(x -> x == null ? "<null>" : x).toList(), where);
        }
        // a positive comparison is false on null: eq and in find no link without extraData
        List<String> positive = ok("{ links(where: {" + mine + ", or: [{extraData: {eq: \"part-time\"}}, {extraData: {lt: \"zzz\"}}]})"
                + " { extraData } }").getList("data.links.extraData");
        assertEquals(column("select extra_data from department_employee_link l join department d on d.id = l.department_id"
                + " where d.name like ? and l.extra_data is not null order by l.department_id, l.employee_id", p + "%"), positive);
        // isNull asks for the missing value explicitly
        assertEquals(java.util.Collections.singletonList(null),
                ok("{ links(where: {" + mine + ", extraData: {isNull: true}}) { extraData } }").getList("data.links.extraData"));
    }

    @Test
    void emptyAndIsTrueEmptyOrAndInAreFalse() {
        String mine = "name: {startsWith: \"" + p + "\"}";
        List<String> all = column("select name from department where name like ? order by id", p + "%");
        assertEquals(3, all.size());
        assertEquals(all, ok("{ departments(where: {" + mine + ", and: []}) { name } }").getList("data.departments.name"));
        assertEquals(all, ok("{ departments(where: {and: [{" + mine + "}, {}]}) { name } }").getList("data.departments.name"));
        assertEquals(List.of(), ok("{ departments(where: {" + mine + ", or: []}) { name } }").getList("data.departments.name"));
        assertEquals(List.of(), ok("{ departments(where: {name: {startsWith: \"" + p + "\", in: []}}) { name } }")
                .getList("data.departments.name"));
        // where: {} is no filter at all
        assertEquals(Database.count("select count(*) from department"),
                ok("{ departmentPage(first: 1, where: {}) { totalCount } }").getLong("data.departmentPage.totalCount"));
        // an id filter and a to-one's existence
        assertEquals(List.of(p + "-Sales"), ok("query($ids: [ID!]) { departments(where: {id: {in: $ids}, headExists: true}) { name } }",
                "ids", List.of(String.valueOf(sales), String.valueOf(it), String.valueOf(empty))).getList("data.departments.name"));
    }

    @Test
    void relationListsFilterTheirRows() {
        String query = "query($id: ID!) { department(id: $id) { employees(where: {name: {endsWith: \"n\"}}) { name }"
                + " employeeLinks(where: {extraData: {isNull: false}}) { extraData } } }";
        var json = ok(query, "id", String.valueOf(sales));
        assertEquals(column("select e.name from department_employee_link l join employee e on e.id = l.employee_id where"
                + " l.department_id = ? and e.name like '%n' order by e.id", sales), json.getList("data.department.employees.name"));
        assertEquals(column("select extra_data from department_employee_link where department_id = ? and extra_data is not null"
                + " order by employee_id", sales), json.getList("data.department.employeeLinks.extraData"));
        assertEquals(2, json.getList("data.department.employeeLinks").size());
    }
}
