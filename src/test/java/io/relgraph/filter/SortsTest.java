package io.relgraph.filter;

import static io.relgraph.GraphQL.unique;
import static io.relgraph.filter.Ask.column;
import static io.relgraph.filter.Ask.insert;
import static io.relgraph.filter.Ask.ok;
import static io.relgraph.filter.Ask.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.path.json.JsonPath;

/**
 * {@code sort} on pages (followed page by page through the cursors) and on relation lists: by a
 * column, a related row's column and a count; ties end by id; nulls last in both directions. A
 * cursor continues only the page that made it: under another sort or where it is VALIDATION, as
 * are sort with orderBy and a relation list's after with sort.
 */
@QuarkusTest
class SortsTest {

    private static String p;
    private static long a;

    /** Five departments: heads Zed, Amy, none, none, Mid; 2, 0, 3, 2 and 1 employees. */
    @BeforeAll
    static void world() {
        p = unique("Sort");
        OffsetDateTime t = OffsetDateTime.parse("2020-01-01T00:00:00Z");
        long zed = insert("insert into employee (name, hired_on) values (?, ?) returning id", p + "-Zed", t);
        long amy = insert("insert into employee (name, hired_on) values (?, ?) returning id", p + "-Amy", t.plusDays(1));
        long mid = insert("insert into employee (name, hired_on) values (?, ?) returning id", p + "-Mid", t);
        long bob = insert("insert into employee (name, hired_on) values (?, ?) returning id", p + "-Bob", t.plusSeconds(1).plusNanos(500_000));
        a = insert("insert into department (name, head_id) values (?, ?) returning id", p + "-A", zed);
        long b = insert("insert into department (name, head_id) values (?, ?) returning id", p + "-B", amy);
        long c = insert("insert into department (name) values (?) returning id", p + "-C");
        long d = insert("insert into department (name) values (?) returning id", p + "-D");
        long e = insert("insert into department (name, head_id) values (?, ?) returning id", p + "-E", mid);
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'x'), (?, ?, null),"
                + " (?, ?, 'b'), (?, ?, 'a'), (?, ?, null), (?, ?, 'a'), (?, ?, null), (?, ?, 'z')",
                a, zed, a, amy, c, zed, c, amy, c, mid, d, bob, d, mid, e, bob);
        assertTrue(b > 0);
    }

    /** Every item of a page query, following endCursor with pages of two. */
    private static List<String> allPages(String root, String args, String item) {
        List<String> out = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 10; i++) {
            JsonPath json = ok("query($after: String) { " + root + "(first: 2, after: $after, " + args + ") { items { " + item
                    + " } endCursor hasNextPage } }", "after", after);
            out.addAll(json.getList("data." + root + ".items." + item));
            if (!json.getBoolean("data." + root + ".hasNextPage")) {
                return out;
            }
            after = json.getString("data." + root + ".endCursor");
        }
        throw new AssertionError("more pages than rows");
    }

    private static final String HEAD_NAME = "(select h.name from employee h where h.id = d.head_id)";

    @Test
    void pagesSortByARelatedColumnWithNullsLastBothWays() {
        String where = "where: {name: {startsWith: \"" + p + "\"}}";
        List<String> asc = allPages("departmentPage", where + ", sort: [{head: {name: ASC}}]", "name");
        assertEquals(column("select d.name from department d where d.name like ? order by " + HEAD_NAME + " asc nulls last, d.id", p + "%"),
                asc);
        assertEquals(List.of(p + "-B", p + "-E", p + "-A", p + "-C", p + "-D"), asc);
        List<String> desc = allPages("departmentPage", where + ", sort: [{head: {name: DESC}}]", "name");
        assertEquals(column("select d.name from department d where d.name like ? order by " + HEAD_NAME + " desc nulls last, d.id", p + "%"),
                desc);
        assertEquals(List.of(p + "-A", p + "-E", p + "-B", p + "-C", p + "-D"), desc);
    }

    @Test
    void pagesSortByACountThenAColumnTiesEndById() {
        String where = "where: {name: {startsWith: \"" + p + "\"}}";
        List<String> byCount = allPages("departmentPage", where + ", sort: [{employeesCount: DESC}, {name: DESC}]", "name");
        assertEquals(column("select d.name from department d where d.name like ? order by (select count(*) from department_employee_link l"
                + " where l.department_id = d.id) desc, d.name desc, d.id", p + "%"), byCount);
        // employees by hiredOn (a DateTime in the cursor), ties by id
        List<String> byHired = allPages("employeePage", "where: {name: {startsWith: \"" + p + "\"}}, sort: [{hiredOn: ASC}]", "name");
        assertEquals(column("select name from employee where name like ? order by hired_on, id", p + "%"), byHired);
        // links by extraData, nulls last, ties by department then employee
        List<String> links = allPages("linkPage", "where: {department: {name: {startsWith: \"" + p + "\"}}}, sort: [{extraData: DESC}]",
                "extraData");
        assertEquals(column("select l.extra_data from department_employee_link l join department d on d.id = l.department_id"
                + " where d.name like ? order by l.extra_data desc nulls last, l.department_id, l.employee_id", p + "%"), links);
        assertEquals(null, links.get(links.size() - 1));
    }

    @Test
    void relationListsSort() {
        JsonPath json = ok("query($id: ID!) { department(id: $id) { employees(sort: [{name: DESC}]) { name }"
                + " employeeLinks(sort: [{employee: {hiredOn: DESC}}], first: 1) { employee { name } } } }", "id", String.valueOf(a));
        assertEquals(column("select e.name from department_employee_link l join employee e on e.id = l.employee_id where l.department_id = ?"
                + " order by e.name desc, e.id", a), json.getList("data.department.employees.name"));
        assertEquals(column("select e.name from department_employee_link l join employee e on e.id = l.employee_id where l.department_id = ?"
                + " order by e.hired_on desc, e.id limit 1", a), json.getList("data.department.employeeLinks.employee.name"));
        String message = refused("VALIDATION", "query($id: ID!) { department(id: $id) { employees(sort: [{name: DESC}], after: 1) { name } } }",
                "id", String.valueOf(a));
        assertTrue(message.contains("after"), message);
    }

    @Test
    void aCursorContinuesOnlyThePageThatMadeIt() {
        String where = "where: {name: {startsWith: \"" + p + "\"}}";
        String cursor = ok("{ departmentPage(first: 2, " + where + ", sort: [{name: ASC}]) { endCursor } }").getString(
                "data.departmentPage.endCursor");
        String q = "query($after: String) { departmentPage(first: 2, after: $after, %s) { items { name } } }";
        assertEquals(column("select name from department where name like ? order by name limit 2 offset 2", p + "%"),
                ok(String.format(q, where + ", sort: [{name: ASC}]"), "after", cursor).getList("data.departmentPage.items.name"));
        assertTrue(refused("VALIDATION", String.format(q, where + ", sort: [{name: DESC}]"), "after", cursor).contains("another sort"));
        assertTrue(refused("VALIDATION", String.format(q, "where: {name: {startsWith: \"" + p + "-\"}}, sort: [{name: ASC}]"), "after", cursor)
                .contains("another sort, where"));
        // a cursor of a plain page is not one of a sorted page
        String plain = ok("{ departmentPage(first: 1) { endCursor } }").getString("data.departmentPage.endCursor");
        assertEquals("VALIDATION", Ask.post(String.format(q, where + ", sort: [{name: ASC}]"), "after", plain).json()
                .getString("errors[0].extensions.code"));
        // sort and orderBy together, and an element setting two keys
        assertTrue(refused("VALIDATION", "{ departmentPage(orderBy: NAME_ASC, sort: [{name: ASC}]) { totalCount } }").contains("not both"));
        assertTrue(refused("VALIDATION", "{ departmentPage(sort: [{name: ASC, id: DESC}]) { totalCount } }").contains("exactly one"));
        Map<String, Object> none = Map.of();
        assertTrue(refused("VALIDATION", "query($s: [DepartmentSort!]) { departmentPage(sort: $s) { totalCount } }", "s", List.of(none))
                .contains("exactly one"));
    }
}
