package io.relgraph.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.auth.TestTokens;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The database stopped (PostgreSQL's fast shutdown: admin_shutdown to every session, then connection
 * refused) and started again while reads and writes run from several threads: every failure is
 * {@code UNAVAILABLE} (never {@code INTERNAL}, never a 5xx), every acknowledged write is stored, and
 * the API answers normally once the server is back.
 */
@QuarkusTest
class OutageTest {

    private static final String WRITE = "mutation($n: String!) { createDepartment(name: $n) { id name } }";
    private static final String READ = "{ departments(first: 5) { id name employees(first: 2) { name } } }";

    @Test
    void aDatabaseRestartUnderLoadAnswersUnavailableAndLosesNoAcknowledgedWrite() throws Exception {
        EmbeddedPostgres pg = EmbeddedDatabase.current().orElse(null);
        Assumptions.assumeTrue(pg != null, "runs on the embedded database only (DB_URL is set)");
        String prefix = GraphQL.unique("Outage");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI endpoint = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/graphql");
        String authorization = TestTokens.bearer(TestTokens.admin()); // the writers' mutations need a writer

        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            boolean writer = w % 2 == 0;
            futures.add(workers.submit(() -> {
                while (running.get()) {
                    String name = prefix + "-" + sequence.incrementAndGet();
                    String body = writer ? json(WRITE, name) : json(READ, null);
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                                .header("content-type", "application/json").header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        answered.incrementAndGet();
                        if (r.statusCode() != 200 || r.body().contains("\tat ") || r.body().contains("Exception:")) {
                            unexpected.add(r.statusCode() + " " + r.body());
                            continue;
                        }
                        JsonPath j = JsonPath.from(r.body());
                        List<Object> errors = j.getList("errors");
                        if (errors == null || errors.isEmpty()) {
                            if (writer) {
                                assertEquals(name, j.getString("data.createDepartment.name"));
                                acknowledged.add(name);
                            }
                        } else {
                            for (int i = 0; i < errors.size(); i++) {
                                String code = j.getString("errors[" + i + "].extensions.code");
                                codes.computeIfAbsent(String.valueOf(code), k -> new AtomicInteger()).incrementAndGet();
                                if (!"UNAVAILABLE".equals(code)) {
                                    unexpected.add(r.body());
                                }
                            }
                        }
                    } catch (Exception e) {
                        unexpected.add(e.toString());
                    }
                }
                return null;
            }));
        }
        try {
            awaitAnswers(answered, 40);
            pg.stopServerOnly();
            try {
                // while it is down, a read and a write each say so with the contract's code
                GraphQL.error("UNAVAILABLE", READ);
                GraphQL.error("UNAVAILABLE", WRITE, "n", prefix + "-while-down");
                awaitAnswers(answered, answered.get() + 40);
            } finally {
                pg.restartServerOnly();
            }
            awaitReady();
            int before = acknowledged.size();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acknowledged.size() < before + 20 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            running.set(false);
            workers.shutdown();
            assertTrue(workers.awaitTermination(60, TimeUnit.SECONDS));
        }
        for (Future<?> f : futures) {
            f.get();
        }

        assertEquals(List.of(), unexpected.stream().limit(5).toList(), unexpected.size()
                + " answers other than UNAVAILABLE as JSON with HTTP 200; codes seen: " + codes);
        assertTrue(codes.containsKey("UNAVAILABLE"), "the outage was seen by the load: " + codes);
        List<Object> stored = Database.rows("select name from department where name like ?", prefix + "-%").stream()
                .map(r -> r.get("name")).toList();
        for (String name : acknowledged) {
            assertTrue(stored.contains(name), "acknowledged write " + name + " is stored");
        }
        assertTrue(!stored.contains(prefix + "-while-down"), "a refused write changed nothing");
        // and the API answers normally again
        GraphQL.ok(READ);
        GraphQL.ok(WRITE, "n", prefix + "-after");
    }

    private static String json(String query, String name) {
        String q = query.replace("\"", "\\\"");
        return name == null ? "{\"query\":\"" + q + "\"}"
                : "{\"query\":\"" + q + "\",\"variables\":{\"n\":\"" + name + "\"}}";
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answered.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
                return;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last;
    }
}
