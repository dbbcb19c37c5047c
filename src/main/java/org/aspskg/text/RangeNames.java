package org.aspskg.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ends of a name that states a range of MRI signal ("isointense to slightly hyperintense on T1"):
 * a report that writes one end ("isointense on T1", "T1 slightly hyperintense") states a signal inside
 * the range, so each end names the term too. Only ranges between two signal words ("…intense") are
 * split; other names with "to" ("spread to the lung") are left whole.
 */
public final class RangeNames {
    private static final String SIGNAL = "(?:(?:slightly|mildly|moderately|markedly) )?[a-z]+intense";
    private static final Pattern RANGE = Pattern.compile("(" + SIGNAL + ")(?:-| -)? to (" + SIGNAL + ") (on .+)");

    private RangeNames() {}

    /** The names of both ends of a signal range ("isointense on T1", "slightly hyperintense on T1"), or none. */
    public static List<String> ends(String name) {
        Matcher m = RANGE.matcher(name.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) return List.of();
        return List.of(m.group(1) + " " + m.group(3), m.group(2) + " " + m.group(3));
    }
}
