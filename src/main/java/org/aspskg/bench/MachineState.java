package org.aspskg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The machine a run measured on and how busy it was: cores, memory, and the load average at the
 * start, at the end and its highest one-minute value in between (sampled every few seconds), since
 * other work on the same cores skews every figure.
 */
public final class MachineState implements AutoCloseable {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final String startLoad;
    private final AtomicReference<Double> maxLoad = new AtomicReference<>(0.0);
    private final ScheduledExecutorService sampler;
    private String endLoad;

    private MachineState() {
        startLoad = loadAverage();
        sample();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-load-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 5, 5, TimeUnit.SECONDS);
    }

    /** Starts watching the load average. */
    public static MachineState watch() {
        return new MachineState();
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Physical memory in GiB, or 0 when the JVM does not say. */
    public static double memoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
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
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void sample() {
        try {
            double oneMinute = Double.parseDouble(loadAverage().split(" ")[0]);
            maxLoad.accumulateAndGet(oneMinute, Math::max);
        } catch (NumberFormatException e) {
            // not available on this system: leave the maximum as it is
        }
    }

    public String startLoad() {
        return startLoad;
    }

    public double maxOneMinuteLoad() {
        return maxLoad.get();
    }

    public String endLoad() {
        return endLoad;
    }

    /** Stops sampling and records the load at the end. */
    @Override
    public void close() {
        sampler.shutdownNow();
        sample();
        endLoad = loadAverage();
    }
}
