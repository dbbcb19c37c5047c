package org.aspskg.ddx.eval;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aspskg.text.NumberWords;

/**
 * The age in whole years and the sex of a published case, from the words its report uses ("3-year-old",
 * "58-yr-old", "15-month-old", "six-year-old"; "boy", "Female", "man"). A decade ("in his 30s") or
 * "teenager" gives no age: the demographic groups have bounds a guess could cross.
 */
final class Demographics {
    private static final Pattern AGE =
            Pattern.compile("^\\s*(\\d{1,3}|[a-z]+)\\s*-?\\s*(years?|yrs?|months?|mo|aged)\\b.*|^\\s*(\\d{1,3})\\s*$");
    private static final Pattern YEAROLD = Pattern.compile("^\\s*(\\d{1,3})\\s*-?\\s*yearold.*");

    private Demographics() {}

    /** Whole years, or null when the words give no exact age. */
    static Integer ageYears(String written) {
        if (written == null) return null;
        String s = written.toLowerCase(Locale.ROOT);
        Matcher y = YEAROLD.matcher(s);
        if (y.matches()) return Integer.parseInt(y.group(1));
        Matcher m = AGE.matcher(s);
        if (!m.matches()) return null;
        if (m.group(3) != null) return Integer.parseInt(m.group(3));
        String n = m.group(1);
        int value;
        if (n.chars().allMatch(Character::isDigit)) value = Integer.parseInt(n);
        else if (NumberWords.value(n) >= 0) value = NumberWords.value(n);
        else return null;
        return m.group(2).startsWith("mo") ? value / 12 : value;
    }

    /** "female", "male" or null. */
    static String sex(String written) {
        if (written == null) return null;
        return switch (written.trim().toLowerCase(Locale.ROOT)) {
            case "female", "woman", "girl", "f", "lady" -> "female";
            case "male", "man", "boy", "m", "gentleman" -> "male";
            default -> null;
        };
    }
}
