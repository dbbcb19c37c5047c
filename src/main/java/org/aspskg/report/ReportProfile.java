package org.aspskg.report;

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
 * A rule the profile does not name is not reported.
 */
public final class ReportProfile {
    private final Map<String, Level> levels;

    private ReportProfile(Map<String, Level> levels) {
        this.levels = Collections.unmodifiableMap(levels);
    }

    /** Reads the profile in the class-path resource {@code name}, relative to {@code anchor}'s package. */
    public static ReportProfile resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
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
