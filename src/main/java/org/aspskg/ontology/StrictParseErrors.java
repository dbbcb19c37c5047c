package org.aspskg.ontology;

import org.apache.jena.riot.system.ErrorHandler;

/**
 * A Jena parser error handler for which every message is fatal — warnings (a bad IRI, an unknown
 * datatype) as much as errors — and becomes the exception its owner makes of the message and its
 * line and column, so that each reader reports problems in its own terms ({@code file:line:col: …}).
 */
public final class StrictParseErrors implements ErrorHandler {
    /** Makes the exception for one parser message at a line and column (either may be -1). */
    @FunctionalInterface
    public interface Failure {
        RuntimeException at(String message, long line, long col);
    }

    private final Failure failure;

    public StrictParseErrors(Failure failure) {
        this.failure = failure;
    }

    @Override
    public void warning(String message, long line, long col) {
        throw failure.at(message, line, col);
    }

    @Override
    public void error(String message, long line, long col) {
        throw failure.at(message, line, col);
    }

    @Override
    public void fatal(String message, long line, long col) {
        throw failure.at(message, line, col);
    }
}
