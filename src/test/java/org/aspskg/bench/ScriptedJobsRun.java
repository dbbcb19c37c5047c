package org.aspskg.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A child for {@link BudgetedJobsTest}: runs {@code peer:size} jobs whose peer says what to do —
 * {@code quick} finishes at once, {@code stuck} never finishes, {@code hog} fills the heap,
 * {@code broken} exits with an error.
 */
public final class ScriptedJobsRun {
    private ScriptedJobsRun() {}

    public static void main(String[] args) throws Exception {
        List<long[]> hoard = new ArrayList<>();
        for (String job : args[args.length - 1].split(",")) {
            String[] j = job.split(":");
            System.out.println("START " + j[0] + " " + j[1]);
            switch (j[0]) {
                case "quick" -> {}
                case "stuck" -> Thread.sleep(Long.MAX_VALUE);
                case "hog" -> {
                    while (true) hoard.add(new long[1 << 20]);
                }
                default -> System.exit(3);
            }
            System.out.println("RESULT " + j[0] + " " + j[1] + " size_twice=" + 2 * Integer.parseInt(j[1]));
        }
    }
}
