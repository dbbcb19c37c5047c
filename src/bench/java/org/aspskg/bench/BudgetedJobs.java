package org.aspskg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.aspskg.AspsKgException;

/**
 * Timed jobs (a peer at a size) run in a child JVM with a heap limit, each under a time budget, so
 * that a peer that would take hours or blow the heap is reported as not finishing instead of
 * stopping the benchmark. Jobs run in the order given; once a peer's job times out or runs out of
 * heap, that peer's later jobs of equal or larger size are dropped (its sizes grow: the next would
 * not finish either) and a fresh child runs the jobs left.
 *
 * <p>The child is {@code java -Xmx<heap> -XX:+ExitOnOutOfMemoryError -cp <this classpath> <main>
 * <args…> <jobs>}, where jobs is {@code peer:size,peer:size,…}. It does its untimed setup, then
 * for each job prints {@code START <peer> <size>} when timing begins and
 * {@code RESULT <peer> <size> key=value …} when it ends; the budget runs from the START line.
 */
final class BudgetedJobs {
    /** One timed run: a peer on a cohort of {@code size}. */
    record Job(String peer, int size) {
        @Override
        public String toString() {
            return peer + ":" + size;
        }
    }

    enum Status {
        FINISHED,
        TIMED_OUT,
        OUT_OF_HEAP
    }

    /**
     * What became of a job.
     *
     * @param figures the child's {@code key=value} figures (finished jobs only)
     * @param seconds how long the job ran before it finished, was stopped or ran out of heap
     */
    record Outcome(Job job, Status status, Map<String, Double> figures, double seconds) {}

    /** How long a child may take to start and set up before its first job (or between jobs). */
    private static final Duration SETUP = Duration.ofMinutes(10);

    private static final String EOF = "\u0000eof";

    private final String mainClass;
    private final List<String> args;
    private final String heap;
    private final Duration budget;
    private final Path log;

    /**
     * @param mainClass the child's main class (on this JVM's class path)
     * @param args      its arguments before the job list
     * @param heap      the child's {@code -Xmx}
     * @param budget    how long one job may run
     * @param log       where every line the children print goes (appended)
     */
    BudgetedJobs(String mainClass, List<String> args, String heap, Duration budget, Path log) {
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.heap = heap;
        this.budget = budget;
        this.log = log;
    }

    /** Runs the jobs; one outcome per job run, in order (dropped jobs have none). */
    List<Outcome> run(List<Job> jobs) throws IOException, InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        Deque<Job> left = new ArrayDeque<>(jobs);
        Files.createDirectories(log.toAbsolutePath().getParent());
        try (PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(
                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            while (!left.isEmpty()) {
                Outcome stopped = runChild(left, outcomes, logWriter);
                if (stopped != null) {
                    outcomes.add(stopped);
                    Job j = stopped.job();
                    left.removeIf(x -> x.peer().equals(j.peer()) && x.size() >= j.size());
                }
            }
        }
        return outcomes;
    }

    /**
     * One child on the jobs left; finished jobs are moved from {@code left} to {@code outcomes}.
     * Returns the job that was stopped (timed out or out of heap), or null when the child did all.
     */
    private Outcome runChild(Deque<Job> left, List<Outcome> outcomes, PrintWriter logWriter)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(args);
        command.add(String.join(",", left.stream().map(Job::toString).toList()));
        logWriter.println("# " + String.join(" ", command.subList(command.size() - args.size() - 1, command.size())));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
                    } catch (IOException e) {
                        lines.add("reading the child's output failed: " + e);
                    } finally {
                        lines.add(EOF);
                    }
                },
                "budgeted-jobs-reader");
        reader.setDaemon(true);
        reader.start();
        Deque<String> tail = new ArrayDeque<>();
        Job current = null;
        long started = 0;
        try {
            while (true) {
                long wait = current == null ? SETUP.toNanos() : started + budget.toNanos() - System.nanoTime();
                String line = lines.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (line == null) {
                    if (current == null) {
                        throw failure("took over " + SETUP.toMinutes() + " minutes to set up", tail);
                    }
                    return new Outcome(current, Status.TIMED_OUT, Map.of(), (System.nanoTime() - started) / 1e9);
                }
                if (line.equals(EOF)) {
                    p.waitFor();
                    if (current != null && tail.stream().anyMatch(l -> l.contains("OutOfMemoryError"))) {
                        return new Outcome(current, Status.OUT_OF_HEAP, Map.of(), (System.nanoTime() - started) / 1e9);
                    }
                    if (p.exitValue() != 0 || current != null || !left.isEmpty()) {
                        throw failure(
                                "failed (exit " + p.exitValue() + ")" + (current == null ? "" : " on " + current),
                                tail);
                    }
                    return null;
                }
                logWriter.println(line);
                tail.addLast(line);
                if (tail.size() > 30) tail.removeFirst();
                String[] words = line.split(" ");
                if (words[0].equals("START") && words.length == 3) {
                    current = new Job(words[1], Integer.parseInt(words[2]));
                    if (!current.equals(left.peekFirst()))
                        throw failure("started " + current + ", not " + left.peekFirst(), tail);
                    started = System.nanoTime();
                } else if (words[0].equals("RESULT")
                        && current != null
                        && words.length >= 3
                        && new Job(words[1], Integer.parseInt(words[2])).equals(current)) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    Map<String, Double> figures = new LinkedHashMap<>();
                    for (int i = 3; i < words.length; i++) {
                        String[] kv = words[i].split("=", 2);
                        figures.put(kv[0], Double.parseDouble(kv[1]));
                    }
                    outcomes.add(new Outcome(current, Status.FINISHED, figures, seconds));
                    left.removeFirst();
                    current = null;
                }
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            logWriter.flush();
        }
    }

    private AspsKgException failure(String what, Deque<String> tail) {
        return new AspsKgException(mainClass + " " + what + ":\n" + String.join("\n", tail), "See " + log + ".");
    }
}
