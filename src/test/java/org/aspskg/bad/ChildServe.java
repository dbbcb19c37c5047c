package org.aspskg.bad;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code asps-kg serve} in a child JVM with a small heap ({@code -XX:+ExitOnOutOfMemoryError}, so
 * running out of heap ends it rather than leaving it limping), answering on a free loopback port once
 * {@code ASK {}} answers. Its stdout and stderr go to a log file.
 */
final class ChildServe implements AutoCloseable {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    /** The dataset's URL, {@code http://127.0.0.1:PORT/asps}. */
    final String base;

    final Path log;

    private ChildServe(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts {@code serve --store store --port P} with {@code heap} (e.g. {@code -Xmx128m}) and more options. */
    static ChildServe start(String heap, Path store, Path log, String... options) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                "org.aspskg.cli.Main",
                "serve",
                "--store",
                store.toString(),
                "--port",
                String.valueOf(port)));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChildServe child = new ChildServe(p, "http://127.0.0.1:" + port + "/asps", log);
        try {
            ChildProgress.await("serve answering", ChildProgress.Signs.of(p, log, () -> 0), () -> {
                if (!p.isAlive()) throw new AssertionError("serve exited early:\n" + ChildProgress.tail(log, 20));
                try {
                    child.count("");
                    return true;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            });
        } catch (AssertionError e) {
            child.close();
            throw e;
        }
        return child;
    }

    /** {@code SELECT (COUNT(*) AS ?n) { pattern }} on the child, as text. */
    String count(String pattern) throws IOException, InterruptedException {
        String q = "SELECT (COUNT(*) AS ?n) { " + pattern + " }";
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(base + "/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                        .header("Accept", "text/csv")
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError(r.statusCode() + " " + r.body());
        return r.body().lines().skip(1).findFirst().orElseThrow();
    }

    /** The last lines of the child's log, for a failure message. */
    String tail() {
        return ChildProgress.tail(log, 20);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
