package io.relgraph.keychange;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.restassured.path.json.JsonPath;

/** Real concurrent HTTP requests racing on the same rows end consistent, with clear codes and no 5xx. */
@QuarkusTest
class KeyChangeConcurrencyTest {

    /** Runs n requests at once (released together) and returns their responses. */
    static List<JsonPath> race(int n, Function<Integer, JsonPath> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                calls.add(() -> {
                    start.await();
                    return request.apply(k); // GraphQL.run asserts HTTP 200 and no leaked exception
                });
            }
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (Callable<JsonPath> c : calls) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<JsonPath> out = new ArrayList<>();
            for (Future<JsonPath> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static String code(JsonPath r) {
        return r.get("errors") == null ? "OK" : r.getString("errors[0].extensions.code");
    }

    @Test
    void sixteenConcurrentKeyChangesOfOneUserHaveExactlyOneWinner() throws Exception {
        long u = Long.parseLong(ok("mutation($n: String!) { createUser(name: $n) { id } }", "n", unique("race")).getString("data.createUser.id"));
        ok("mutation($u: ID) { createPost(ownerId: $u, title: \"p\") { id } }", "u", u);
        ok("mutation($u: ID!) { createAddress(userId: $u, address: \"a\") { id } }", "u", u);
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            keys.add(KeyChangeCascadeTest.freshKey("users"));
        }

        List<JsonPath> results = race(16, k -> GraphQL.run(
                "mutation($id: ID!, $n: ID!) { changeUserId(id: $id, newId: $n) { user { id } } }", "id", u, "n", keys.get(k)));
        List<String> codes = results.stream().map(KeyChangeConcurrencyTest::code).toList();
        assertEquals(1, codes.stream().filter("OK"::equals).count(), codes.toString());
        assertTrue(codes.stream().allMatch(c -> c.equals("OK") || c.equals("NOT_FOUND") || c.equals("CONFLICT")), codes.toString());

        long winner = results.stream().filter(r -> r.get("errors") == null)
                .map(r -> Long.parseLong(r.getString("data.changeUserId.user.id"))).findFirst().orElseThrow();
        assertEquals(1L, Database.count("select count(*) from users where id = ?", winner));
        assertEquals(0L, Database.count("select count(*) from users where id = ?", u));
        assertEquals(1L, Database.count("select count(*) from post where owner_id = ?", winner));
        assertEquals(1L, Database.count("select count(*) from address where user_id = ?", winner));
        assertEquals(0L, Database.count("select count(*) from address a left join users x on x.id = a.user_id where a.user_id is not null and x.id is null"));
        assertEquals(0L, Database.count("select count(*) from post p left join users x on x.id = p.owner_id where p.owner_id is not null and x.id is null"));
    }

    @Test
    void thirtyTwoConcurrentLinksOfOnePairHaveExactlyOneWinner() throws Exception {
        long d = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", unique("IT")).getString("data.createDepartment.id"));
        long e = Long.parseLong(ok("mutation { createEmployee(name: \"John\") { id } }").getString("data.createEmployee.id"));

        List<JsonPath> results = race(32, k -> GraphQL.run(
                "mutation($d: ID!, $e: ID!, $x: String) { linkEmployee(departmentId: $d, employeeId: $e, extraData: $x) { extraData } }",
                "d", d, "e", e, "x", "try-" + k));
        Map<String, Long> byCode = results.stream().collect(java.util.stream.Collectors.groupingBy(KeyChangeConcurrencyTest::code,
                java.util.stream.Collectors.counting()));
        assertEquals(Map.of("OK", 1L, "CONFLICT", 31L), byCode);
        assertEquals(1L, Database.count("select count(*) from department_employee_link where department_id = ? and employee_id = ?", d, e));
    }

    @Test
    void aKeyChangeRacingWithInsertsThatReferenceTheOldKeyEndsConsistent() throws Exception {
        for (int round = 0; round < 5; round++) {
            long u = Long.parseLong(ok("mutation($n: String!) { createUser(name: $n) { id } }", "n", unique("mix")).getString("data.createUser.id"));
            long d = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", unique("D")).getString("data.createDepartment.id"));
            long e = Long.parseLong(ok("mutation { createEmployee(name: \"E\") { id } }").getString("data.createEmployee.id"));
            long newUser = KeyChangeCascadeTest.freshKey("users");
            long newDept = KeyChangeCascadeTest.freshKey("department");

            List<JsonPath> results = race(4, k -> switch (k) {
                case 0 -> GraphQL.run("mutation($id: ID!, $n: ID!) { changeUserId(id: $id, newId: $n) { user { id } } }", "id", u, "n", newUser);
                case 1 -> GraphQL.run("mutation($u: ID!) { createAddress(userId: $u, address: \"racing\") { id } }", "u", u);
                case 2 -> GraphQL.run("mutation($id: ID!, $n: ID!) { changeDepartmentId(id: $id, newId: $n) { department { id } } }", "id", d, "n", newDept);
                default -> GraphQL.run("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e) { extraData } }", "d", d, "e", e);
            });
            assertEquals("OK", code(results.get(0)));
            assertEquals("OK", code(results.get(2)));
            assertTrue(List.of("OK", "NOT_FOUND").contains(code(results.get(1))), results.get(1).prettify());
            assertTrue(List.of("OK", "NOT_FOUND").contains(code(results.get(3))), results.get(3).prettify());

            long addresses = Database.count("select count(*) from address where user_id = ?", newUser);
            assertEquals(code(results.get(1)).equals("OK") ? 1L : 0L, addresses);
            assertEquals(0L, Database.count("select count(*) from address where user_id = ?", u));
            long links = Database.count("select count(*) from department_employee_link where department_id = ?", newDept);
            assertEquals(code(results.get(3)).equals("OK") ? 1L : 0L, links);
            assertEquals(0L, Database.count("select count(*) from department_employee_link where department_id = ?", d));
        }
    }
}
