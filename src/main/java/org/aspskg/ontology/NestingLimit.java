package org.aspskg.ontology;

import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.tokens.Token;
import org.apache.jena.riot.tokens.Tokenizer;

/**
 * A tokenizer that stops a Turtle, TriG or N-Quads parse when brackets nest deeper than a limit. Jena's
 * parsers recurse into {@code [ ]}, {@code ( )}, {@code { }}, {@code << >>}, {@code <<( )>>} and
 * {@code {| |}}; how deep they get before
 * the thread's stack runs out depends on the stack size and on what the JIT has compiled, so a text
 * nested a few thousand levels was read on one run and refused on the next. Counting the open brackets
 * makes the verdict the same on every run, with the line and column where the limit was passed, reported
 * through the parse's own error handler.
 */
public final class NestingLimit implements Tokenizer {
    /** Far beyond what a case or an ontology written by people nests, far below what a parser's stack holds. */
    public static final int LEVELS = 256;

    private final Tokenizer tokens;
    private final ErrorHandler errors;
    private final int levels;
    private int depth;

    private NestingLimit(Tokenizer tokens, ErrorHandler errors, int levels) {
        this.tokens = tokens;
        this.errors = errors;
        this.levels = levels;
    }

    /** {@code tokens}, stopped through {@code errors} where brackets nest deeper than {@link #LEVELS}. */
    public static Tokenizer of(Tokenizer tokens, ErrorHandler errors) {
        return new NestingLimit(tokens, errors, LEVELS);
    }

    /** As {@link #of(Tokenizer, ErrorHandler)} with another limit (for tests). */
    static Tokenizer of(Tokenizer tokens, ErrorHandler errors, int levels) {
        return new NestingLimit(tokens, errors, levels);
    }

    @Override
    public Token next() {
        Token token = tokens.next();
        switch (token.getType()) {
            case LBRACKET, LPAREN, LBRACE, LT2, L_TRIPLE, L_ANN -> {
                if (++depth > levels)
                    errors.fatal(
                            "nested too deeply to read (collections or blank nodes inside each other more than "
                                    + levels + " levels down); a case needs a few levels at most",
                            token.getLine(),
                            token.getColumn());
            }
            case RBRACKET, RPAREN, RBRACE, GT2, R_TRIPLE, R_ANN -> depth = Math.max(0, depth - 1);
            default -> {}
        }
        return token;
    }

    @Override
    public boolean hasNext() {
        return tokens.hasNext();
    }

    @Override
    public Token peek() {
        return tokens.peek();
    }

    @Override
    public boolean eof() {
        return tokens.eof();
    }

    @Override
    public long getLine() {
        return tokens.getLine();
    }

    @Override
    public long getColumn() {
        return tokens.getColumn();
    }

    @Override
    public void close() {
        tokens.close();
    }
}
