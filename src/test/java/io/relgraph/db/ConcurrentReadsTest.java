package io.relgraph.db;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.GraphQL;
import io.restassured.path.json.JsonPath;

/**
 * graphql-java resolves sibling fields concurrently; with one shared reactive session they fail
 * ("Session/EntityManager is closed", quarkusio/quarkus#32870). Many relation fields side by side,
 * under many concurrent requests, must all answer correctly.
 */
@QuarkusTest
class ConcurrentReadsTest {

    private static final String WIDE_QUERY = """
            query($d: ID!, $e: ID!, $u: ID!) {
              a: department(id: $d) { name head { name } employees(first: 10) { name headOf { name } } employeeLinks { extraData employee { name } department { name } } }
              b: department(id: $d) { employees(first: 10) { departments(first: 10) { name } departmentLinks(first: 10) { extraData } } }
              c: employee(id: $e) { name headOf { name } departments(first: 10) { name head { name } } departmentLinks(first: 10) { department { employees(first: 10) { name } } } }
              d: links(departmentId: $d) { extraData employee { name } department { name } }
              e: user(id: $u) { name posts { title owner { name } } addresses { address user { name } } }
              f: employees(name: "Wide-John") { id }
            }""";

    @Test
    void siblingRelationFieldsUnderConcurrentRequestsNeverShareASession() throws Exception {
        String dept = unique("Wide");
        long d = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", dept).getString("data.createDepartment.id"));
        long e = Long.parseLong(ok("mutation { createEmployee(name: \"Wide-John\") { id } }").getString("data.createEmployee.id"));
        ok("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: \"part-time\") { extraData } }", "d", d, "e", e);
        ok("mutation($d: ID!) { addEmployeeToDepartment(departmentId: $d, name: \"Wide-Bill\") { id } }", "d", d);
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", d, "e", e);
        long u = Long.parseLong(ok("mutation { createUser(name: \"Wide-User\") { id } }").getString("data.createUser.id"));
        ok("mutation($u: ID) { createPost(ownerId: $u, title: \"p1\") { id } }", "u", u);
        ok("mutation($u: ID!) { createAddress(userId: $u, address: \"a1\") { id } }", "u", u);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> GraphQL.ok(WIDE_QUERY, "d", d, "e", e, "u", u));
            }
            for (Future<JsonPath> f : pool.invokeAll(calls)) {
                JsonPath r = f.get();
                assertEquals(dept, r.getString("data.a.name"));
                assertEquals("Wide-John", r.getString("data.a.head.name"));
                assertEquals(List.of("Wide-John", "Wide-Bill"), r.getList("data.a.employees.name"));
                assertEquals(dept, r.getString("data.a.employees[0].headOf.name"));
                assertEquals(java.util.Arrays.asList("part-time", null), r.getList("data.a.employeeLinks.extraData"));
                assertEquals(List.of(dept), r.getList("data.b.employees[1].departments.name"));
                assertEquals(dept, r.getString("data.c.headOf.name"));
                assertEquals(List.of("Wide-John", "Wide-Bill"), r.getList("data.c.departmentLinks[0].department.employees.name"));
                assertEquals(2, r.getList("data.d").size());
                assertEquals(List.of("Wide-User"), r.getList("data.e.posts.owner.name"));
                assertEquals(List.of("Wide-User"), r.getList("data.e.addresses.user.name"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
