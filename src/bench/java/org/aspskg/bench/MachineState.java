package org.aspskg.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run measured on and how busy other work kept it, since other processes on the same
 * cores skew every figure: the load average at the start, at the end and its one-minute peak, and —
 * more to the point on Linux — the share of all CPU time that processes other than this benchmark
 * and the servers it started used during the run (from {@code /proc/stat} minus this process tree's
 * own CPU time, sampled every two seconds).
 */
public final class MachineState implements AutoCloseable {
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path STAT = Path.of("/proc/stat");

    private final String startLoad;
    private final ScheduledExecutorService sampler;
    private double maxLoad;
    private String endLoad;
    // CPU accounting in clock ticks: previous sample, and totals over the run
    private long[] previous;
    private long foreignTicks;
    private long allTicks;
    private double maxForeignShare;

    private MachineState() {
        startLoad = loadAverage();
        sample();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-machine-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 2, 2, TimeUnit.SECONDS);
    }

    /** Starts watching the machine. */
    public static MachineState watch() {
        return new MachineState();
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Physical memory in GiB, or 0 when the JVM does not say. */
    public static double memoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return 0;
    }

    /** "1-min 5-min 15-min" from /proc/loadavg, or the JVM's one-minute figure elsewhere. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(LOADAVG).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private synchronized void sample() {
        try {
            maxLoad = Math.max(maxLoad, Double.parseDouble(loadAverage().split(" ")[0]));
        } catch (NumberFormatException e) {
            // no load average here
        }
        long[] now = cpuTicks();
        if (now == null) return;
        if (previous != null) {
            long busy = now[0] - previous[0];
            long total = now[1] - previous[1];
            long own = Math.max(0, now[2] - previous[2]);
            long foreign = Math.max(0, busy - own);
            if (total > 0) {
                foreignTicks += foreign;
                allTicks += total;
                maxForeignShare = Math.max(maxForeignShare, (double) foreign / total);
            }
        }
        previous = now;
    }

    /** {busy ticks of all CPUs, all ticks, ticks of this process and its descendants}, or null off Linux. */
    private static long[] cpuTicks() {
        try {
            String[] cpu = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long total = 0;
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
            for (int i = 1; i <= Math.min(8, cpu.length - 1); i++) total += Long.parseLong(cpu[i]); // not guest
            long own = processTicks(ProcessHandle.current().pid());
            own += ProcessHandle.current()
                    .descendants()
                    .mapToLong(p -> processTicks(p.pid()))
                    .sum();
            return new long[] {total - idle, total, own};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of a process in clock ticks (0 if it is gone). */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public String startLoad() {
        return startLoad;
    }

    public synchronized double maxOneMinuteLoad() {
        return maxLoad;
    }

    public String endLoad() {
        return endLoad;
    }

    /** Share (0–1) of all CPU time used by other processes during the run; -1 when unknown. */
    public synchronized double foreignCpuShare() {
        return allTicks == 0 ? -1 : (double) foreignTicks / allTicks;
    }

    /** The largest such share over one two-second sample; -1 when unknown. */
    public synchronized double maxForeignCpuShare() {
        return allTicks == 0 ? -1 : maxForeignShare;
    }

    /** Stops sampling and records the load at the end. */
    @Override
    public void close() {
        sampler.shutdownNow();
        sample();
        endLoad = loadAverage();
    }
}
