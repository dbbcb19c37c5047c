package org.aspskg.ddx.cohort;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangNQuads;
import org.apache.jena.riot.lang.LangNTriples;
import org.apache.jena.riot.lang.LangRIOT;
import org.apache.jena.riot.lang.LangTriG;
import org.apache.jena.riot.lang.LangTurtle;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.ParserProfile;
import org.apache.jena.riot.system.ParserProfileWrapper;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.tokens.Tokenizer;
import org.apache.jena.riot.tokens.TokenizerText;
import org.apache.jena.riot.tokens.TokenizerTextBuilder;
import org.apache.jena.sparql.core.Quad;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ontology.NestingLimit;
import org.aspskg.ontology.StrictParseErrors;
import org.aspskg.ontology.Utf8Text;

/**
 * The stream plumbing of {@link CohortLoader}: which RDF languages a case file may be in (by its
 * extension, a trailing {@code .gz} read through), and a strict, streaming parse of one file that
 * keeps the position of the triple being sent, so the checks downstream can say where it was written.
 */
final class CaseFileParser {
    /** The line and column of the triple or quad the parser sent last. */
    static final class Position {
        long line;
        long column;
    }

    private CaseFileParser() {}

    /** Whether a file is a JSON Lines cohort, one JSON case a line (.jsonl or .ndjson, optionally .gz). */
    static boolean jsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /** Checks that a file is of a case format: RDF ({@link #langOf}) or JSON Lines. */
    static void checkFormat(Path file) {
        if (!jsonLines(file)) langOf(file);
    }

    /** What a cohort input may be, for messages. */
    static final String FORMATS = "a Turtle, N-Triples, N-Quads or TriG file (.ttl, .nt, .nq, .trig), a JSON Lines "
            + "file of JSON cases (.jsonl, .ndjson), optionally .gz, or a directory of JSON cases (.json)";

    /** The language of a case file from its extension (a trailing .gz is read through). */
    static Lang langOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        Lang lang = RDFLanguages.filenameToLang(name);
        if (lang == null
                || !(lang.equals(Lang.TURTLE)
                        || lang.equals(Lang.NTRIPLES)
                        || lang.equals(Lang.NQUADS)
                        || lang.equals(Lang.TRIG))) {
            throw new AspsKgException(
                    file + ": cannot load cases in " + (lang == null ? "this format" : lang.getLabel()),
                    "Give " + FORMATS + ".");
        }
        return lang;
    }

    /**
     * Parses a case file into {@code out}; while a triple or quad is being sent, {@code at} holds
     * where it was written. A syntax error (or warning, such as a bad IRI) stops the load with
     * file:line:col.
     */
    static void parse(Path file, Position at, StreamRDF out) {
        parse(file, at, out, null);
    }

    /**
     * As {@link #parse(Path, Position, StreamRDF)}; {@code bytesRead}, when not null, hears how many
     * bytes of the file (compressed, for .gz) have been read so far, for a progress bar.
     */
    static void parse(Path file, Position at, StreamRDF out, LongConsumer bytesRead) {
        String source = file.toString();
        Lang lang = langOf(file);
        ErrorHandler errors = syntaxErrors(source, lang);
        RecordingProfile profile =
                new RecordingProfile(RiotLib.profile(lang, file.toUri().toString(), errors), at);
        Utf8Text.CheckingStream checked = null;
        try (InputStream raw = open(file, bytesRead)) {
            checked = Utf8Text.checking(raw);
            Tokenizer tokens = NestingLimit.of(
                    TokenizerText.create().source(checked).errorHandler(errors).build(), errors);
            LangRIOT parser = switch (lang.getName()) {
                case "N-Triples" -> new LangNTriples(tokens, profile, out);
                case "N-Quads" -> new LangNQuads(tokens, profile, out);
                case "TriG" -> new LangTriG(tokens, profile, out);
                default -> new LangTurtle(tokens, profile, out);
            };
            parser.parse();
            if (checked.readFailure() != null) throw checked.readFailure();
        } catch (StackOverflowError e) {
            throw new AspsKgException(
                    source + ": " + lang.getLabel() + " syntax: nested too deeply to read (collections or blank "
                            + "nodes inside each other thousands of levels down); a case needs a few levels at most",
                    "Fix the file and run again; the store is unchanged.");
        } catch (IOException | RuntimeException e) {
            // the tokenizer wraps a failed read in its own exception: find what the stream saw first
            if (checked != null && checked.failure() != null)
                throw checked.failure().toError(source);
            // a read that failed (truncated gzip) looks like the end of the file to the tokenizer, whose
            // syntax error (a broken IRI at the end) would hide the cause: the failed read comes first
            if (checked == null && e instanceof AspsKgException ake) throw ake; // not gzip data at all
            Throwable truncated = cause(e, EOFException.class, ZipException.class);
            if (truncated == null && checked != null && checked.readFailure() instanceof EOFException eof)
                truncated = eof;
            if (truncated == null && checked != null && checked.readFailure() instanceof ZipException zip)
                truncated = zip;
            if (truncated == null && e instanceof AspsKgException ake) throw ake;
            if (truncated != null) {
                throw new AspsKgException(
                        source + ":" + (checked == null ? 1 : checked.line()) + ": the gzip data ends early or is "
                                + "damaged (" + truncated.getMessage() + ") after line "
                                + (checked == null ? 0 : checked.line()) + " of the text",
                        "The file is truncated or corrupt: copy or compress it again; the store is unchanged.",
                        e);
            }
            if (e instanceof RiotException) {
                throw new AspsKgException(
                        source + ": " + lang.getLabel() + " syntax: " + e.getMessage(),
                        "Fix the syntax and run again; the store is unchanged.",
                        e);
            }
            Throwable io = cause(e, IOException.class);
            if (io != null)
                throw new AspsKgException(source + ": cannot read: " + io.getMessage(), "Check the file.", e);
            if (e instanceof RuntimeException re) throw re;
            throw new AspsKgException(source + ": cannot read: " + e.getMessage(), "Check the file.", e);
        }
    }

    /** Whether a file's statements are one a line (N-Triples, N-Quads), so that it can be split by line. */
    static boolean lineBased(Path file) {
        Lang lang = langOf(file);
        return lang.equals(Lang.NTRIPLES) || lang.equals(Lang.NQUADS);
    }

    /** A new blank node scope: the chunks of one file parsed apart share the file's. */
    static String newScope() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Parses whole lines of an N-Triples or N-Quads file into {@code out} as {@link #parse} parses the
     * file: the same checks, the same messages, lines numbered from {@code firstLine} and blank nodes
     * in the file's {@code scope} (see {@link LineChunkSplitter}).
     */
    static void parseLines(Path file, byte[] bytes, long firstLine, String scope, Position at, StreamRDF out) {
        String source = file.toString();
        Lang lang = langOf(file);
        long before = firstLine - 1;
        ErrorHandler errors = new StrictParseErrors((message, line, col) -> new AspsKgException(
                new SourcePosition(source, line + before, col) + ": " + lang.getLabel() + " syntax: " + message,
                "Fix the syntax at that line and run again; the store is unchanged."));
        RecordingProfile profile =
                new RecordingProfile(RiotLib.profile(lang, file.toUri().toString(), errors), at, scope, before);
        // A chunk of ASCII lines (what asps-kg generate writes) is valid UTF-8 as it is: one scan for a
        // byte above 0x7F instead of the UTF-8 checker, and the tokenizer reads a Latin-1 string rather than
        // decoding UTF-8 (a fifth of a worker's time went to the two, profiled on a 100k cohort).
        boolean ascii = ascii(bytes);
        Utf8Text.CheckingStream checked = ascii ? null : Utf8Text.checking(new java.io.ByteArrayInputStream(bytes));
        try {
            TokenizerTextBuilder builder = TokenizerText.create().errorHandler(errors);
            Tokenizer tokens = NestingLimit.of(
                    ascii
                            ? builder.fromString(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                                    .build()
                            : builder.source(checked).build(),
                    errors);
            LangRIOT parser = lang.equals(Lang.NQUADS)
                    ? new LangNQuads(tokens, profile, out)
                    : new LangNTriples(tokens, profile, out);
            parser.parse();
        } catch (RuntimeException e) {
            if (checked != null && checked.failure() != null)
                throw checked.failure().toError(source, before);
            if (e instanceof AspsKgException) throw e;
            if (e instanceof RiotException) {
                throw new AspsKgException(
                        source + ": " + lang.getLabel() + " syntax: " + e.getMessage(),
                        "Fix the syntax and run again; the store is unchanged.",
                        e);
            }
            throw e;
        }
    }

    /** Whether every byte is below 0x80. */
    static boolean ascii(byte[] bytes) {
        for (byte b : bytes) if (b < 0) return false;
        return true;
    }

    /** The error for a gzip file that ends early or is damaged after {@code lines} lines of its text. */
    static AspsKgException truncated(String source, long lines, Throwable cause) {
        return new AspsKgException(
                source + ":" + Math.max(1, lines) + ": the gzip data ends early or is damaged (" + cause.getMessage()
                        + ") after line " + lines + " of the text",
                "The file is truncated or corrupt: copy or compress it again; the store is unchanged.",
                cause);
    }

    /**
     * The file's bytes, through gunzip when its name ends in .gz; {@code bytesRead}, when not null,
     * hears how many bytes of the file have been read so far.
     */
    static InputStream open(Path file, LongConsumer bytesRead) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (bytesRead != null) raw = counted(raw, bytesRead);
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) return in;
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw new AspsKgException(
                    file + ": not gzip data (" + e.getMessage() + ")",
                    "A .gz case file must be gzip-compressed; rename it or compress it.",
                    e);
        }
    }

    private static InputStream counted(InputStream in, LongConsumer bytesRead) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) bytesRead.accept(++count);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) bytesRead.accept(count += n);
                return n;
            }
        };
    }

    /** The first cause of {@code e} (itself included) of one of the given types, or null. */
    @SafeVarargs
    private static Throwable cause(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) if (type.isInstance(t)) return t;
            if (t.getCause() == t) break;
        }
        return null;
    }

    /** Syntax errors (and warnings, such as a bad IRI) stop the load with file:line:col. */
    private static ErrorHandler syntaxErrors(String source, Lang lang) {
        return new StrictParseErrors((message, line, col) -> new AspsKgException(
                new SourcePosition(source, line, col) + ": " + lang.getLabel() + " syntax: " + message,
                "Fix the syntax at that line and run again; the store is unchanged."));
    }

    /** Remembers where the parser made the last triple or quad; the parsers emit each one as soon as it is made. */
    private static final class RecordingProfile extends ParserProfileWrapper {
        private final Position at;
        /**
         * Blank nodes scoped to the file as Jena's default does (one node per label, no two files alike), by a
         * random prefix per parse instead of an MD5 hash of each label through a cache, which cost a fifth of
         * reading a cohort file: the label after the prefix, or a counter for an unlabelled node.
         */
        private final String scope;
        /** Lines of the file before the text parsed. */
        private final long before;

        private long anonymous;

        RecordingProfile(ParserProfile base, Position at) {
            this(base, at, newScope(), 0);
        }

        RecordingProfile(ParserProfile base, Position at, String scope, long before) {
            super(base);
            this.at = at;
            this.scope = scope;
            this.before = before;
        }

        @Override
        public Triple createTriple(Node s, Node p, Node o, long line, long col) {
            at.line = line + before;
            at.column = col;
            return super.createTriple(s, p, o, line, col);
        }

        @Override
        public Node createBlankNode(Node graph, String label, long line, long col) {
            return NodeFactory.createBlankNode(scope + "L" + label);
        }

        @Override
        public Node createBlankNode(Node graph, long line, long col) {
            return NodeFactory.createBlankNode(scope + "A" + (++anonymous));
        }

        @Override
        public Quad createQuad(Node g, Node s, Node p, Node o, long line, long col) {
            at.line = line + before;
            at.column = col;
            return super.createQuad(g, s, p, o, line, col);
        }
    }
}
