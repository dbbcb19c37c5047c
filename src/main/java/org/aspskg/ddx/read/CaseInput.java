package org.aspskg.ddx.read;

import java.nio.file.Path;

/**
 * Where a case comes from: JSON or Turtle text (an HTTP request body, a test) or a case file
 * ({@code .json} or {@code .ttl}). {@link CaseReader} reads each kind.
 */
public sealed interface CaseInput {
    /** What the input is called in messages and in the case's {@code source}: the file, or the given name. */
    String source();

    /** A JSON case as text. */
    static CaseInput json(String text, String source) {
        return new JsonText(text, source);
    }

    /** A Turtle case as text. */
    static CaseInput turtle(String text, String source) {
        return new TurtleText(text, source);
    }

    /** A case written as free text ("24-year-old woman, deep thigh mass, no calcification"). */
    static CaseInput text(String text, String source) {
        return new FreeText(text, source);
    }

    /** A case file, read by its extension. */
    static CaseInput file(Path file) {
        return new CaseFile(file);
    }

    /** A JSON case as text. */
    record JsonText(String text, String source) implements CaseInput {}

    /** A case as free text. */
    record FreeText(String text, String source) implements CaseInput {}

    /** A Turtle case as text. */
    record TurtleText(String text, String source) implements CaseInput {}

    /** A {@code .json} or {@code .ttl} case file. */
    record CaseFile(Path file) implements CaseInput {
        @Override
        public String source() {
            return file.toString();
        }
    }
}
