// Load client of bench/faults (Java 17, no dependencies: `java bench/faults-client.java MODE ...`).
//
//   writes URL THREADS SECONDS PREFIX ACK_FILE
//       THREADS loops of createDepartment(name: PREFIX-n); every acknowledged name (HTTP 200, data, no
//       errors) is appended to ACK_FILE as it arrives, so a kill of the server loses no record of it.
//       Stops after SECONDS or once the server has been unreachable for 3 s after answering before.
//   flood URL CONNECTIONS SECONDS QUERY_FILE
//       CONNECTIONS concurrent connections, each sending QUERY_FILE's operation again as soon as its
//       answer arrives.
// Mutations need a bearer token: give it in the environment as TOKEN.
// Both print one line of key=value figures: answers with data, refusals (UNAVAILABLE), other codes,
// HTTP 5xx, transport failures (connection refused or reset), the first and last second (since start)
// in which anything failed and the first success after that (recovery).
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FaultsClient {

    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    static final long T0 = System.nanoTime();
    static final long T0_EPOCH_MS = System.currentTimeMillis();
    static final AtomicInteger ok = new AtomicInteger();
    static final AtomicInteger http5xx = new AtomicInteger();
    static final AtomicInteger transport = new AtomicInteger();
    static final Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
    static final AtomicLong firstFailureMs = new AtomicLong(-1);
    static final AtomicLong lastFailureMs = new AtomicLong(-1);
    static final AtomicLong lastOkMs = new AtomicLong(-1);
    static final AtomicLong latencyTotalMs = new AtomicLong();
    static final AtomicLong latencyMaxMs = new AtomicLong();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "writes" -> writes(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], Path.of(args[5]));
            case "flood" -> flood(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Files.readString(Path.of(args[4])));
            default -> throw new IllegalArgumentException("mode: writes | flood");
        }
    }

    static long nowMs() {
        return (System.nanoTime() - T0) / 1_000_000;
    }

    static void failed() {
        long now = nowMs();
        firstFailureMs.compareAndSet(-1, now);
        lastFailureMs.accumulateAndGet(now, Math::max);
    }

    /** Classifies one answer; true when it carried data and no error. */
    static boolean record(int status, String body, long latencyMs) {
        latencyTotalMs.addAndGet(latencyMs);
        latencyMaxMs.accumulateAndGet(latencyMs, Math::max);
        if (status >= 500) {
            http5xx.incrementAndGet();
            failed();
            return false;
        }
        Matcher m = CODE.matcher(body);
        if (status != 200 || body.contains("\"errors\"")) {
            String code = m.find() ? m.group(1) : "HTTP_" + status + "_NO_CODE";
            codes.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
            failed();
            return false;
        }
        ok.incrementAndGet();
        lastOkMs.accumulateAndGet(nowMs(), Math::max);
        return true;
    }

    /** TOKEN (environment): sent as a bearer token, as mutations need one. */
    static final String TOKEN = System.getenv("TOKEN");

    static HttpRequest post(URI uri, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("content-type", "application/json");
        if (TOKEN != null && !TOKEN.isBlank()) {
            b.header("Authorization", "Bearer " + TOKEN.trim());
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static void writes(URI uri, int threads, int seconds, String prefix, Path ackFile) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger seq = new AtomicInteger();
        AtomicLong unreachableSince = new AtomicLong(-1);
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    String name = prefix + "-" + seq.incrementAndGet();
                    String json = "{\"query\":\"mutation($n: String!) { createDepartment(name: $n) { id name } }\",\"variables\":{\"n\":\"" + name + "\"}}";
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(post(uri, json), HttpResponse.BodyHandlers.ofString());
                        unreachableSince.set(-1);
                        if (record(r.statusCode(), r.body(), (System.nanoTime() - t) / 1_000_000)) {
                            if (!r.body().contains("\"name\":\"" + name + "\"")) {
                                throw new IllegalStateException("answer for another name: " + r.body());
                            }
                            synchronized (FaultsClient.class) {
                                Files.writeString(ackFile, name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                            }
                        }
                    } catch (IOException e) {
                        transport.incrementAndGet();
                        failed();
                        unreachableSince.compareAndSet(-1, System.nanoTime());
                        if (ok.get() > 0 && System.nanoTime() - unreachableSince.get() > Duration.ofSeconds(3).toNanos()) {
                            return; // the server is gone (SIGTERM, kill -9): nothing more to learn
                        }
                        sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        report();
    }

    static void flood(URI uri, int connections, int seconds, String query) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String json = "{\"query\":\"" + query.replace("\n", " ").replace("\"", "\\\"") + "\"}";
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            loop(http, uri, json, end, done);
        }
        done.await();
        report();
    }

    static void loop(HttpClient http, URI uri, String json, long end, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long t = System.nanoTime();
        http.sendAsync(post(uri, json), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            if (e != null) {
                transport.incrementAndGet();
                failed();
            } else {
                record(r.statusCode(), r.body(), (System.nanoTime() - t) / 1_000_000);
            }
            loop(http, uri, json, end, done);
        });
    }

    static void report() {
        int answers = ok.get();
        int refused = codes.getOrDefault("UNAVAILABLE", new AtomicInteger()).get();
        Map<String, Integer> other = new TreeMap<>();
        codes.forEach((k, v) -> {
            if (!k.equals("UNAVAILABLE")) {
                other.put(k, v.get());
            }
        });
        long total = answers + codes.values().stream().mapToLong(AtomicInteger::get).sum() + http5xx.get();
        System.out.printf("ok=%d unavailable=%d other_codes=%s http5xx=%d transport_failures=%d first_failure_s=%.1f last_failure_s=%.1f last_ok_s=%.1f last_failure_epoch_ms=%d mean_ms=%d max_ms=%d%n",
                answers, refused, other.isEmpty() ? "none" : other.toString().replace(" ", ""), http5xx.get(), transport.get(),
                firstFailureMs.get() / 1000.0, lastFailureMs.get() / 1000.0, lastOkMs.get() / 1000.0,
                lastFailureMs.get() < 0 ? -1 : T0_EPOCH_MS + lastFailureMs.get(),
                total == 0 ? 0 : latencyTotalMs.get() / total, latencyMaxMs.get());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
