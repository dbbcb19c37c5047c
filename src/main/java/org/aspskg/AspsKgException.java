package org.aspskg;

/**
 * A failure a user can act on: what went wrong, where (file and line when known) and what to do.
 * The command line maps it to a non-zero exit code and prints it without a stack trace.
 */
public class AspsKgException extends RuntimeException {
    private final String hint;

    public AspsKgException(String message) {
        this(message, null, null);
    }

    public AspsKgException(String message, String hint) {
        this(message, hint, null);
    }

    public AspsKgException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }
}
