package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's set-up command, run as a newcomer runs it: the shaded jar serves a store it builds
 * itself, answers the README's first query over HTTP, and shuts down cleanly on SIGTERM (Ctrl-C).
 */
class ServeJarIT {
    private static final Pattern SERVING = Pattern.compile("serving .* at (http://\\S+/asps)/sparql");

    @TempDir
    Path tmp;

    /** The serve command of the README's set-up section, e.g. {@code java -jar target/asps-kg.jar serve}. */
    private static List<String> readmeServeCommand() {
        String line = DocsText.page("README.md").section("Set-up (two commands)").codeLines().stream()
                .filter(l -> l.contains(DocsText.JAR + "serve"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no serve command in the README"));
        String command = line.substring(line.indexOf("java -jar")).strip();
        return new ArrayList<>(List.of(command.split(" +")));
    }

    @Test
    void readmeServeCommandBuildsAStoreAndAnswersTheFirstQuery() throws Exception {
        List<String> command = readmeServeCommand();
        Path store = tmp.resolve("tdb2");
        command.addAll(List.of("--port", "0", "--store", store.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    log.add(l);
                    Matcher m = SERVING.matcher(l);
                    if (m.find()) url.complete(m.group(1));
                }
            } catch (IOException e) {
                log.add("(output closed: " + e.getMessage() + ")");
            }
            url.complete(null);
        });
        drain.start();
        try {
            String dataset = url.get(180, TimeUnit.SECONDS);
            assertTrue(dataset != null, "server did not start:\n" + String.join("\n", log));
            try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(dataset + "/sparql")
                    .query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
                    .build()) {
                long n = qe.execSelect().next().getLiteral("n").getLong();
                assertTrue(n > 2000, "triples: " + n);
            }
            p.toHandle().destroy(); // SIGTERM, as Ctrl-C; Process.destroy() would close our end of its output
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "server did not stop on SIGTERM");
            drain.join(10_000);
        } finally {
            p.destroyForcibly();
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("Stop Fuseki")), String.join("\n", log));
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            assertEquals(store.toAbsolutePath(), kg.path());
            assertTrue(kg.graphSizes().get(AspsVocabulary.GRAPH_INFERRED) > 0);
        }
    }
}
