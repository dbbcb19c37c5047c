package org.aspskg.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process that has a store open, as a running {@code asps-kg serve} has: {@link #start}
 * launches this class's {@code main} in a new JVM on the test classpath; it opens the store, prints
 * "open", and keeps it open until it is closed or the test JVM exits (its input then closes).
 */
public final class StoreHolder implements AutoCloseable {
    private final Process process;

    private StoreHolder(Process process) {
        this.process = process;
    }

    public static StoreHolder start(Path store) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreHolder.class.getName(),
                store.toString()));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String first = new String(p.getInputStream().readNBytes(5), java.nio.charset.StandardCharsets.UTF_8);
        if (!first.equals("open\n")) {
            p.destroyForcibly();
            throw new IOException("the holding process did not open the store: " + first
                    + new String(p.getInputStream().readAllBytes()));
        }
        return new StoreHolder(p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    public static void main(String[] args) throws Exception {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(Path.of(args[0]))) {
            kg.graphSizes();
            System.out.print("open\n");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until our input closes: close() ends us, and so does the test JVM's exit
            }
        }
    }
}
