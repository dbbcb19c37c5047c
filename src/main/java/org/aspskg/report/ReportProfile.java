package org.aspskg.ontology.qc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.aspskg.AspsKgException;

/**
 * The level of each rule, read from lines {@code LEVEL<TAB>rule} like ROBOT's report profile.
 * A rule the profile does not name is not reported. The standard profile keeps ROBOT 1.9.8's
 * default levels for ROBOT's rules and adds asps-kg's own rules.
 */
public final class ReportProfile {
    private static final String STANDARD = "report_profile.tsv";
    private final Map<String, Level> levels;

    private ReportProfile(Map<String, Level> levels) {
        this.levels = Collections.unmodifiableMap(levels);
    }

    /** asps-kg's profile: ROBOT's default levels plus the reasoner, DL profile and term policy rules. */
    public static ReportProfile standard() {
        try (InputStream in = ReportProfile.class.getResourceAsStream(STANDARD)) {
            if (in == null) throw new IllegalStateException("missing resource " + STANDARD);
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code LEVEL<TAB>rule} lines; blank lines and lines starting with # are skipped. */
    public static ReportProfile read(Reader reader) throws IOException {
        Map<String, Level> levels = new LinkedHashMap<>();
        BufferedReader in = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cols = line.trim().split("\\s+");
            if (cols.length != 2) {
                throw new AspsKgException("report profile line " + n + ": expected LEVEL<TAB>rule, got '" + line + "'");
            }
            levels.put(cols[1], Level.parse(cols[0]));
        }
        return new ReportProfile(levels);
    }

    /** The level of {@code rule}, or empty when the profile leaves it out. */
    public Optional<Level> level(String rule) {
        return Optional.ofNullable(levels.get(rule));
    }

    /** Every rule with its level, in profile order. */
    public Map<String, Level> levels() {
        return levels;
    }
}
