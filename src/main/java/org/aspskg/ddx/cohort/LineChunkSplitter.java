package org.aspskg.ddx.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.aspskg.ontology.AspsVocabulary;

/**
 * Splits an N-Triples or N-Quads file into chunks of whole lines that hold the same triples as the
 * chunks {@link CaseChunker} makes of the parsed file, without parsing it: so that the workers of
 * {@code asps-kg rank} parse the chunks in parallel, where one reader thread parsing everything was
 * the ceiling. Both formats hold one statement a line; each line is looked at only as far as its
 * subject and object (an IRI, with its numeric escapes decoded, a blank node label, or anything
 * else) and whether it types an IRI {@code aspskg:PatientCase}, which is what the chunker's rule
 * needs: a chunk closes before a line whose subject is an IRI not yet in the chunk, once the chunk
 * holds enough cases and every blank node it mentions has been described (or it holds
 * {@link CaseChunker#HARD_CHUNK_TRIPLES} triples). A line it cannot read that far is left to the
 * parser, which then fails the run at that line. Blank node labels stay those of the file: the
 * workers parse every chunk of a file in the file's one blank node scope.
 */
final class LineChunkSplitter {
    /** Receives a chunk: its bytes (whole lines) and the number of its first line in the file. */
    interface Sink {
        void chunk(byte[] bytes, long firstLine);
    }

    private static final byte[] TYPE =
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PATIENT_CASE =
            AspsVocabulary.PATIENT_CASE.getURI().getBytes(StandardCharsets.UTF_8);

    private final int chunkCases;
    private final Sink sink;

    private byte[] buf = new byte[1 << 20];
    private int end;
    /** The number in the file of the line that starts at buf[0]. */
    private long firstLine = 1;
    /** Whole lines in the chunk so far. */
    private int lines;

    // the chunk so far, as the chunker would see it
    private final Keys keys = new Keys();
    private int casesInChunk;
    private int triplesInChunk;
    private int undescribed;

    // the line being looked at
    private int subjectFrom;
    private int subjectTo;
    private byte subjectKind; // 'I' IRI, 'B' blank node, 0 anything else
    private int objectFrom;
    private int objectTo;
    private byte objectKind;
    private boolean types;
    private boolean triple;

    LineChunkSplitter(int chunkCases, Sink sink) {
        this.chunkCases = chunkCases;
        this.sink = sink;
    }

    /** Reads {@code in} to its end, handing every chunk to the sink (the last one too). */
    void split(InputStream in) throws IOException {
        int scan = 0; // where the next line starts
        lines = 0;
        while (true) {
            if (buf.length - end < (1 << 16)) buf = Arrays.copyOf(buf, buf.length * 2);
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) break;
            end += n;
            for (int nl = indexOfNewline(scan); nl >= 0; nl = indexOfNewline(scan)) {
                if (line(scan, nl)) {
                    emit(scan, lines);
                    nl -= scan;
                    scan = 0;
                    lines = 0;
                }
                apply();
                scan = nl + 1;
                lines++;
            }
        }
        if (scan < end) { // a last line without a newline
            if (line(scan, end)) {
                emit(scan, lines);
                scan = 0;
                lines = 0;
            }
            apply();
            scan = end;
            lines++;
        }
        if (end > 0) emit(end, lines);
    }

    /** The lines read so far (for a message when the input breaks off). */
    long linesRead() {
        return firstLine - 1 + lines;
    }

    private int indexOfNewline(int from) {
        byte[] b = buf;
        for (int i = from; i < end; i++) if (b[i] == '\n') return i;
        return -1;
    }

    /** Hands buf[0, to) (its {@code lines} lines) to the sink and starts a new chunk with the rest. */
    private void emit(int to, int lines) {
        if (to > 0) sink.chunk(Arrays.copyOfRange(buf, 0, to), firstLine);
        firstLine += lines;
        System.arraycopy(buf, to, buf, 0, end - to);
        end -= to;
        keys.clear();
        casesInChunk = 0;
        triplesInChunk = 0;
        undescribed = 0;
    }

    /** Reads the line buf[from, to) into the fields; whether the chunk closes before it. */
    private boolean line(int from, int to) {
        triple = false;
        types = false;
        subjectKind = 0;
        objectKind = 0;
        keys.newLine();
        int i = skipSpace(from, to);
        if (i == to || buf[i] == '#') return false; // blank line or comment
        triple = true;
        i = term(i, to, true);
        if (i < 0) return closes();
        int p = skipSpace(i, to);
        if (p >= to || buf[p] != '<') return closes();
        int pEnd = indexOf((byte) '>', p + 1, to);
        if (pEnd < 0) return closes();
        int o = skipSpace(pEnd + 1, to);
        if (term(o, to, false) < 0) return closes();
        types = subjectKind == 'I'
                && objectKind == 'I'
                && Arrays.equals(buf, p + 1, pEnd, TYPE, 0, TYPE.length)
                && keys.equalsLast(PATIENT_CASE);
        return closes();
    }

    /** The chunker's rule: close before a new IRI subject once the chunk is full and has no loose blank node. */
    private boolean closes() {
        return triple
                && subjectKind == 'I'
                && casesInChunk >= chunkCases
                && (undescribed == 0 || triplesInChunk >= CaseChunker.HARD_CHUNK_TRIPLES)
                && keys.find((byte) 'I', subjectFrom, subjectTo) < 0;
    }

    /** Counts the line into the chunk, as the chunker counts its triple. */
    private void apply() {
        if (!triple) return;
        triplesInChunk++;
        if (subjectKind != 0) {
            int s = keys.add(subjectKind, subjectFrom, subjectTo);
            if ((keys.state[s] & Keys.SUBJECT) == 0) {
                if ((keys.state[s] & Keys.UNDESCRIBED) != 0) undescribed--;
                keys.state[s] = Keys.SUBJECT;
            }
        }
        if (objectKind == 'B') {
            int o = keys.add((byte) 'B', objectFrom, objectTo);
            if (keys.state[o] == 0) {
                keys.state[o] = Keys.UNDESCRIBED;
                undescribed++;
            }
        }
        if (types) casesInChunk++;
    }

    /**
     * Reads a subject or object at {@code i}: an IRI (its key, escapes decoded, copied to the keys'
     * scratch), a blank node label, or (an object) a literal or anything else; the index after it, or
     * -1 when the line cannot be read that far.
     */
    private int term(int i, int to, boolean subject) {
        if (i >= to) return -1;
        byte b = buf[i];
        if (b == '<') {
            if (i + 1 < to && buf[i + 1] == '<') return subject ? -1 : to; // a triple term
            int close = indexOf((byte) '>', i + 1, to);
            if (close < 0 || !keys.scratchIri(buf, i + 1, close)) return -1;
            set(subject, (byte) 'I');
            return close + 1;
        }
        if (b == '_' && i + 1 < to && buf[i + 1] == ':') {
            int j = i + 2;
            while (j < to && buf[j] != ' ' && buf[j] != '\t' && buf[j] != '<' && buf[j] != '"' && buf[j] != '\r') j++;
            int labelEnd = j;
            while (labelEnd > i + 2 && buf[labelEnd - 1] == '.') labelEnd--; // a label does not end with '.'
            if (labelEnd == i + 2) return -1;
            keys.scratch(buf, i + 2, labelEnd);
            set(subject, (byte) 'B');
            return labelEnd;
        }
        return subject ? -1 : to; // a literal (or a syntax error, which the parser reports)
    }

    private void set(boolean subject, byte kind) {
        if (subject) {
            subjectKind = kind;
            subjectFrom = keys.lastFrom;
            subjectTo = keys.lastTo;
        } else {
            objectKind = kind;
            objectFrom = keys.lastFrom;
            objectTo = keys.lastTo;
        }
    }

    private int skipSpace(int i, int to) {
        while (i < to && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')) i++;
        return i;
    }

    private int indexOf(byte c, int from, int to) {
        for (int i = from; i < to; i++) if (buf[i] == c) return i;
        return -1;
    }

    /**
     * The chunk's subjects and blank nodes by their bytes (a kind byte, then the IRI or label), in an
     * open-addressing table over one byte array: no object per line. A line's keys are first read into
     * a scratch array.
     */
    private static final class Keys {
        static final byte SUBJECT = 1;
        static final byte UNDESCRIBED = 2;

        private byte[] bytes = new byte[1 << 16];
        private int used;
        private byte[] scratch = new byte[1 << 12];
        private int scratchEnd;
        int lastFrom;
        int lastTo;

        private int[] from = new int[1024];
        private int[] length = new int[1024];
        private int[] hash = new int[1024];
        byte[] state = new byte[1024];
        private int count;
        private int[] table = new int[4096];

        void clear() {
            used = 0;
            count = 0;
            Arrays.fill(table, 0);
        }

        /** Forgets the last line's scratch keys. */
        void newLine() {
            scratchEnd = 0;
        }

        private void ensureScratch(int n) {
            if (scratch.length < scratchEnd + n)
                scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchEnd + n));
        }

        /** Copies a label into the scratch, at [lastFrom, lastTo). */
        void scratch(byte[] src, int f, int t) {
            ensureScratch(t - f);
            System.arraycopy(src, f, scratch, scratchEnd, t - f);
            lastFrom = scratchEnd;
            scratchEnd += t - f;
            lastTo = scratchEnd;
        }

        /** Copies an IRI into the scratch with its numeric escapes (u and U) decoded; false for a bad escape. */
        boolean scratchIri(byte[] src, int f, int t) {
            ensureScratch(t - f);
            int w = scratchEnd;
            for (int i = f; i < t; i++) {
                byte b = src[i];
                if (b != '\\') {
                    scratch[w++] = b;
                    continue;
                }
                int digits = i + 1 < t && src[i + 1] == 'u' ? 4 : i + 1 < t && src[i + 1] == 'U' ? 8 : -1;
                if (digits < 0 || i + 2 + digits > t) return false;
                int cp;
                try {
                    cp = Integer.parseInt(new String(src, i + 2, digits, StandardCharsets.US_ASCII), 16);
                } catch (NumberFormatException e) {
                    return false;
                }
                if (!Character.isValidCodePoint(cp)) return false;
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, scratch, w, utf8.length); // at most 4 bytes for 6 or 10 escaped
                w += utf8.length;
                i += 1 + digits;
            }
            lastFrom = scratchEnd;
            scratchEnd = w;
            lastTo = w;
            return true;
        }

        /** Whether the last key read equals {@code other}. */
        boolean equalsLast(byte[] other) {
            return Arrays.equals(scratch, lastFrom, lastTo, other, 0, other.length);
        }

        private int hashOf(byte kind, int f, int t) {
            int h = kind;
            for (int i = f; i < t; i++) h = 31 * h + scratch[i];
            return h ^ (h >>> 16);
        }

        /** The index of the key (kind, scratch [f, t)), or -1. */
        int find(byte kind, int f, int t) {
            return find(kind, f, t, hashOf(kind, f, t));
        }

        private int find(byte kind, int f, int t, int h) {
            int mask = table.length - 1;
            for (int slot = h & mask; ; slot = (slot + 1) & mask) {
                int e = table[slot] - 1;
                if (e < 0) return -1;
                if (hash[e] == h
                        && length[e] == t - f
                        && bytes[from[e]] == kind
                        && Arrays.equals(bytes, from[e] + 1, from[e] + 1 + (t - f), scratch, f, t)) return e;
            }
        }

        /** The index of the key (kind, scratch [f, t)), added with state 0 if new. */
        int add(byte kind, int f, int t) {
            int h = hashOf(kind, f, t);
            int found = find(kind, f, t, h);
            if (found >= 0) return found;
            if ((count + 1) * 2 >= table.length) rehash();
            if (count == from.length) {
                int n = count * 2;
                from = Arrays.copyOf(from, n);
                length = Arrays.copyOf(length, n);
                hash = Arrays.copyOf(hash, n);
                state = Arrays.copyOf(state, n);
            }
            int len = t - f;
            if (bytes.length < used + len + 1) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len + 1));
            bytes[used] = kind;
            System.arraycopy(scratch, f, bytes, used + 1, len);
            int e = count++;
            from[e] = used;
            length[e] = len;
            hash[e] = h;
            state[e] = 0;
            used += len + 1;
            insert(e);
            return e;
        }

        private void insert(int e) {
            int mask = table.length - 1;
            int slot = hash[e] & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = e + 1;
        }

        private void rehash() {
            table = new int[table.length * 2];
            for (int e = 0; e < count; e++) insert(e);
        }
    }
}
