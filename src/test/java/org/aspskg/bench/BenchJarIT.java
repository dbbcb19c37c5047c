package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.aspskg.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two jars {@code mvn package} makes: the product, {@code target/asps-kg.jar}, holds no benchmark
 * and none of the benchmarks' libraries, and has no {@code bench} command; the benchmark jar,
 * {@code target/asps-kg-bench.jar}, is the product plus {@code bench}.
 */
class BenchJarIT {
    private static final Path PRODUCT = Path.of("target", "asps-kg.jar");
    private static final Path BENCH = Path.of("target", "asps-kg-bench.jar");
    /** The benchmark harness and the libraries only it uses. */
    private static final List<String> BENCH_ONLY =
            List.of("org/aspskg/bench/", "org/openjdk/jmh/", "org/knowm/xchart/", "org/HdrHistogram/");

    @TempDir
    Path tmp;

    private static Set<String> entries(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.stream().map(JarEntry::getName).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void productJarHoldsNoBenchmarkClassAndNoBenchmarkLibrary() throws IOException {
        Set<String> found = entries(PRODUCT).stream()
                .filter(e -> BENCH_ONLY.stream().anyMatch(e::startsWith) || e.equals("META-INF/BenchmarkList"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), found);
        // the product itself is there
        assertTrue(entries(PRODUCT).contains("org/aspskg/cli/Main.class"));
    }

    @Test
    void noProductClassRefersToTheBenchmarksOrTheirLibraries() throws IOException {
        List<String> referring = new ArrayList<>();
        try (JarFile j = new JarFile(PRODUCT.toFile())) {
            for (Enumeration<JarEntry> it = j.entries(); it.hasMoreElements(); ) {
                JarEntry e = it.nextElement();
                if (!e.getName().startsWith("org/aspskg/") || !e.getName().endsWith(".class")) continue;
                try (InputStream in = j.getInputStream(e)) {
                    // class names in a class file's constant pool are UTF-8 internal names
                    String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    BENCH_ONLY.stream()
                            .filter(constants::contains)
                            .forEach(p -> referring.add(e.getName() + " -> " + p));
                }
            }
        }
        assertEquals(List.of(), referring);
    }

    @Test
    void benchJarIsTheProductPlusTheBenchmarks() throws IOException {
        Set<String> bench = entries(BENCH);
        Set<String> missing = new TreeSet<>(entries(PRODUCT));
        missing.removeAll(bench);
        assertEquals(Set.of(), missing);
        for (String e : List.of(
                "org/aspskg/bench/BenchMain.class",
                "org/aspskg/bench/micro/CaseBenchmarks.class",
                "META-INF/BenchmarkList",
                "org/openjdk/jmh/runner/Runner.class",
                "org/knowm/xchart/CategoryChart.class",
                "org/HdrHistogram/Histogram.class")) {
            assertTrue(bench.contains(e), e);
        }
    }

    @Test
    void benchJarRunsBenchHelp() throws Exception {
        Run run = java(BENCH, "bench", "--help");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Usage: asps-kg bench "), run.out());
        assertTrue(run.out().contains("--smoke"), run.out());
    }

    @Test
    void productJarAnswersBenchWithAnUnknownCommandError() throws Exception {
        Run run = java(PRODUCT, "bench");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("Unmatched argument at index 0: 'bench'"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void benchJarHasEveryProductCommandAndRunsThemAsTheProductDoes() throws Exception {
        Run help = java(BENCH, "--help");
        assertEquals(0, help.exit(), help.err());
        Set<String> commands = new TreeSet<>(Main.commandLine().getSubcommands().keySet());
        commands.add("bench");
        for (String command : commands) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " not in:\n" + help.out());
        }
        Run product = java(PRODUCT, "validate");
        Run bench = java(BENCH, "validate");
        assertEquals(0, product.exit(), product.err());
        assertEquals(product.exit(), bench.exit(), bench.err());
        assertEquals(product.out(), bench.out());
    }

    private record Run(int exit, String out, String err) {}

    private Run java(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
