package org.aspskg.text;

import java.util.List;
import java.util.Locale;

/** Numbers from zero to twenty written as English words ("six-year-old"), as case reports write ages. */
public final class NumberWords {
    private static final List<String> WORDS = List.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty");

    private NumberWords() {}

    /** The number a word names (any case), or -1 when it names none from zero to twenty. */
    public static int value(String word) {
        return WORDS.indexOf(word.toLowerCase(Locale.ROOT));
    }
}
