package org.aspskg.ddx.cases;

/**
 * Where something was written in a case file: the file, and the 1-based line and column (0 when
 * not known). Printed as {@code file:line:col} like compilers and Jena's parser do.
 */
public record SourcePosition(String file, long line, long column) {

    /** A position known only by its file (or input name). */
    public static SourcePosition of(String file) {
        return new SourcePosition(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) return file;
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }
}
