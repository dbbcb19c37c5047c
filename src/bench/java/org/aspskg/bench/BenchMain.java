package org.aspskg.bench;

import org.aspskg.cli.Main;
import picocli.CommandLine;

/**
 * Entry point of the benchmark jar, {@code target/asps-kg-bench.jar}: the product's command line
 * ({@link Main#commandLine()}, every user command and its exit codes) with {@code bench} added. The
 * product jar, {@code target/asps-kg.jar}, has no {@code bench} command and none of the benchmarks'
 * libraries (JMH, XChart, HdrHistogram).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The product's command line plus {@link BenchCommand}; used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand(new BenchCommand());
        return cl;
    }
}
