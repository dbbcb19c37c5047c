package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded soak: 16 clients on loopback, each sending library queries, ranking requests and term
 * searches ({@code /api/search}) in turn
 * to one server with its default limits, for {@code -Dsoak.seconds} (10 in {@code mvn verify}; 60 in
 * the documented full run). No request may fail, and the heap after a full GC at the end is within
 * 10 % of the heap after a full GC at the start (after a warm-up pass of every request). Prints its
 * figures.
 */
class SoakTest {
    static final int CLIENTS = 16;
    static final int SECONDS = Integer.getInteger("soak.seconds", 10);

    @TempDir
    Path dir;

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void sixteenClientsForABoundedTimeGetEveryAnswerAndTheHeapDoesNotGrow() throws Exception {
        Path tdb = TestStores.copyOfShared(dir.resolve("tdb2"));
        List<HttpRequest> requests = new ArrayList<>();
        try (KnowledgeGraphStore store = KnowledgeGraphStore.open(tdb)) {
            KnowledgeGraphServer server = KnowledgeGraphServer.create(store.datasetGraph())
                    .port(0)
                    .differential(TestKnowledge.knowledge().pipeline())
                    .build()
                    .start();
            try {
                String base = server.datasetUrl("127.0.0.1");
                try (Stream<Path> queries = Files.list(Path.of("queries"))) {
                    for (Path q : queries.filter(p -> p.toString().endsWith(".rq"))
                            .sorted()
                            .toList()) {
                        requests.add(HttpRequest.newBuilder(URI.create(base + "/sparql"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "application/sparql-results+json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "query=" + URLEncoder.encode(Files.readString(q), StandardCharsets.UTF_8)))
                                .build());
                    }
                }
                try (Stream<Path> cases = Files.list(Path.of("ontology", "examples"))) {
                    for (Path c : cases.filter(p -> p.toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                        requests.add(HttpRequest.newBuilder(URI.create(base + "/ddx"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(c)))
                                .build());
                    }
                }
                String root = "http://127.0.0.1:" + server.port();
                for (String q : List.of("thigh", "alveolar soft", "TFE3", "C3224", "synov", "necrosis")) {
                    requests.add(HttpRequest.newBuilder(
                                    URI.create(root + "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(60))
                            .build());
                }
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                for (HttpRequest r : requests) { // warm-up: caches filled, code compiled
                    assertEquals(
                            200,
                            http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode(),
                            r.uri().toString());
                }
                long heapStart = heapAfterGc();
                AtomicLong served = new AtomicLong();
                Map<String, Long> failures = new ConcurrentHashMap<>();
                Map<String, Long> answered = new ConcurrentHashMap<>();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int offset = c;
                    clients.add(pool.submit(() -> {
                        HttpClient own = HttpClient.newBuilder()
                                .connectTimeout(Duration.ofSeconds(5))
                                .build();
                        for (int i = offset; System.nanoTime() < end; i++) {
                            HttpRequest r = requests.get(i % requests.size());
                            try {
                                int status = own.send(r, HttpResponse.BodyHandlers.discarding())
                                        .statusCode();
                                if (status == 200) {
                                    served.incrementAndGet();
                                    answered.merge(r.uri().getPath(), 1L, Long::sum);
                                } else failures.merge(r.uri().getPath() + " " + status, 1L, Long::sum);
                            } catch (Exception e) {
                                failures.merge(r.uri().getPath() + " " + e, 1L, Long::sum);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : clients) f.get(SECONDS + 120L, TimeUnit.SECONDS);
                pool.shutdown();
                long heapEnd = heapAfterGc();
                double change = (heapEnd - heapStart) / (double) heapStart;
                System.out.printf(
                        Locale.ROOT,
                        "soak: %d clients, %d s, %d requests answered (%s), %d failed %s; heap after full GC %.1f"
                                + " MB at start, %.1f MB at end (%+.1f %%)%n",
                        CLIENTS,
                        SECONDS,
                        served.get(),
                        new TreeMap<>(answered),
                        failures.values().stream().mapToLong(Long::longValue).sum(),
                        failures,
                        heapStart / 1e6,
                        heapEnd / 1e6,
                        100 * change);
                assertEquals(Map.of(), failures, "no request fails");
                assertTrue(served.get() > 0);
                assertTrue(change <= 0.10, "heap grew by more than 10 %: " + heapStart + " -> " + heapEnd);
            } finally {
                server.stop();
            }
        }
    }
}
