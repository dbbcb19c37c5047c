package org.aspskg.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the analysis tables beside this class: tab-separated rows, {@code #} comments and blank lines skipped. */
final class TextTables {
    private TextTables() {}

    /** The rows of a table, each split on tabs (trailing empty columns kept as ""). */
    static List<String[]> rows(String resource) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = TextTables.class.getResourceAsStream(resource)) {
            if (in == null)
                throw new IllegalStateException("missing resource " + resource + " beside " + TextTables.class);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                out.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
