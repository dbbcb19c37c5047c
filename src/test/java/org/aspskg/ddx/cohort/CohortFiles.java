package org.aspskg.ddx.cohort;

import java.io.IOException;
import java.nio.file.Path;
import org.aspskg.ddx.DdxKnowledge;

/** Generated cohorts written case by case (never held whole), N-Triples, gzipped when the name ends in .gz. */
public final class CohortFiles {
    private CohortFiles() {}

    /** Cases 1…n of {@code seed} into {@code file}, and, when {@code truth} is not null, their truth.tsv. */
    public static void write(DdxKnowledge k, int n, long seed, Path file, Path truth) throws IOException {
        k.cohortWriter().writeNTriples(k.cohortGenerator(), n, seed, file, truth);
    }
}
