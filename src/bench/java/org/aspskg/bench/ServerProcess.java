package org.aspskg.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aspskg.AspsKgException;

/**
 * A SPARQL server under test in its own JVM (same java, classpath, heap limit and GC log for every
 * peer), bound to loopback, with its output in a log file. Knows when it is ready (a query
 * answers), its peak resident memory ({@code VmHWM}) and, from the GC log, its peak heap use.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms": heap before and after. */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    /** The exit summary of -Xlog:gc+heap+exit, e.g. "garbage-first heap   total 262144K, used 51200K". */
    private static final Pattern EXIT_USED = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");

    private final String peer;
    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final String datasetUrl;
    private double peakRssMiB = -1;

    private ServerProcess(String peer, Process process, Path log, Path gcLog, String datasetUrl) {
        this.peer = peer;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        this.datasetUrl = datasetUrl;
    }

    /** A free loopback port (released again, so the server can bind it). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code mainClass args} in a new JVM and waits until {@code datasetUrl/sparql} answers.
     * The JVM gets {@code -Xmx<heap>} and logs its collections to a file next to its output.
     */
    static ServerProcess start(
            String peer,
            String heap,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            String datasetUrl,
            Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve(peer + ".log");
        Path gcLog = workDir.resolve(peer + "-gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xlog:gc,gc+heap+exit:file=" + gcLog);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(peer, p, log, gcLog, datasetUrl);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ask = HttpRequest.newBuilder(URI.create(datasetUrl + "/sparql?query=ASK%7B%7D"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AspsKgException(
                        peer + " server exited with " + process.exitValue() + " before answering:\n" + tail(),
                        "See " + log + ".");
            }
            try {
                if (http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AspsKgException(
                peer + " server did not answer within " + STARTUP.toSeconds() + " s:\n" + tail(), "See " + log + ".");
    }

    String datasetUrl() {
        return datasetUrl;
    }

    long pid() {
        return process.pid();
    }

    /** Peak resident set size so far, from /proc (Linux); empty elsewhere. */
    OptionalDouble peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRssMiB = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or gone
        }
        return peakRssMiB < 0 ? OptionalDouble.empty() : OptionalDouble.of(peakRssMiB);
    }

    /**
     * Peak heap use from the GC log: the largest heap occupancy before a collection, or in the exit
     * summary. Read after {@link #close()}.
     */
    OptionalDouble peakHeapMiB() throws IOException {
        if (!Files.exists(gcLog)) return OptionalDouble.empty();
        double peak = -1;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) peak = Math.max(peak, mib(m.group(1), m.group(2)));
            Matcher exit = EXIT_USED.matcher(line);
            if (exit.find()) peak = Math.max(peak, Long.parseLong(exit.group(2)) / 1024.0);
        }
        return peak < 0 ? OptionalDouble.empty() : OptionalDouble.of(peak);
    }

    private static double mib(String amount, String unit) {
        double v = Double.parseDouble(amount);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /** Stops the server with SIGTERM (as Ctrl-C), so it closes its store cleanly; kills it if it hangs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) peakRssMiB();
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
