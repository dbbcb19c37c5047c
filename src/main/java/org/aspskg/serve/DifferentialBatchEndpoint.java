package org.aspskg.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.aspskg.AspsKgException;
import org.aspskg.PrintableText;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingDetail;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.ontology.Utf8Text;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /asps/ddx/batch}: many cases in, one ranking each out, as JSON Lines and streamed,
 * beside {@link DifferentialEndpoint} with its rules for {@code ?strict} and {@code ?store} (the same
 * login for storing, through the server's security handler), over the same {@link DifferentialPipeline}.
 * A servlet rather than a Fuseki operation: Fuseki finds an endpoint by the one path segment after
 * the dataset's name, so {@code ddx/batch} cannot be one.
 *
 * <ul>
 *   <li>Body: JSON Lines ({@code application/x-ndjson}, also {@code application/jsonl}): each line one
 *       JSON case as {@code POST /asps/ddx} takes it. Any other content type is refused whole (415).
 *   <li>200, {@code application/x-ndjson}: one line per input line, in order — the ranking that
 *       {@code POST /asps/ddx} answers for that case (as one line), or an error object with the
 *       line's {@code line} number and a {@code code}; a bad line does not stop the others.
 *   <li>Streamed: a line is read, ranked and its answer written before the next is read; the answer
 *       is flushed whenever no more of the body has arrived, and at least every 100 ms, so it starts
 *       while the body is still being sent, and a client that goes away ends the batch (the write
 *       fails) instead of leaving it to rank the rest. Neither the body nor the answer is held whole:
 *       memory per batch is one line.
 *   <li>Next findings are left out (the ranking is some fifty times cheaper without them, and a
 *       cohort's rankings do not need them): {@code nextFindings} is empty unless {@code ?next=true},
 *       with which each line is exactly {@code POST /asps/ddx}'s answer.
 *   <li>Limits: each line at most the server's {@code --max-body} (a longer one is an error line, read
 *       past without being kept); at most {@code --max-batch} lines (the first line beyond gets an error
 *       line and the batch ends there). A body that stops arriving ends the batch after Jetty's idle
 *       timeout, set to the server's {@code --body-timeout} for this request.
 * </ul>
 */
public final class DifferentialBatchEndpoint extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(DifferentialBatchEndpoint.class);

    /** The media type of the answer. */
    static final String JSON_LINES = "application/x-ndjson";
    /** The media types a batch may be sent as: the common names of JSON Lines. */
    static final Set<String> ACCEPTED_TYPES =
            Set.of(JSON_LINES, "application/jsonl", "application/x-jsonlines", "application/json-lines");

    private static final ObjectWriter ONE_LINE = new ObjectMapper().writer();
    private static final int BUFFER = 1 << 16;
    /**
     * The longest the answer is held back while more of the body is at hand: Jetty learns that the
     * client has gone only by writing to it, so a batch whose client closed the connection stops
     * within about two of these (the first write is answered by a reset, the next one fails).
     */
    private static final long FLUSH_EVERY_NANOS = 100_000_000L;

    private final DifferentialPipeline service;
    private final CasesGraph cases;
    private final boolean writesAllowed;
    private final long maxLineBytes;
    private final long maxCases;
    private final long idleTimeoutMillis;
    private final ServerActivity activity;

    /**
     * @param maxLineBytes the longest line (case), the server's {@code --max-body}
     * @param maxCases the most lines in one batch
     * @param idleTimeoutMillis how long the body may stop arriving before the batch is ended
     */
    DifferentialBatchEndpoint(
            DifferentialPipeline service,
            CasesGraph cases,
            boolean writesAllowed,
            long maxLineBytes,
            long maxCases,
            long idleTimeoutMillis,
            ServerActivity activity) {
        this.service = service;
        this.cases = cases;
        this.writesAllowed = writesAllowed;
        this.maxLineBytes = maxLineBytes;
        this.maxCases = maxCases;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.activity = activity;
    }

    /** Every method but POST is refused. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            refuse(
                    response,
                    DdxError.METHOD_NOT_ALLOWED,
                    "the batch differential diagnosis service takes JSON Lines by POST, not " + request.getMethod());
            return;
        }
        activity.batchesRunning.incrementAndGet();
        try {
            respond(request, response);
        } catch (BadMessageException e) {
            refuse(response, DdxError.BAD_REQUEST, "a malformed request: " + e.getReason());
        } catch (IOException | ServletException | RuntimeException e) {
            // before the answer starts: an error status; after, the batch's last line says why it ended
            LOG.info("ddx batch ended early (the client went away, or its body broke): {}", e.toString());
            refuse(response, DdxError.BAD_REQUEST, "the batch could not be read to its end: " + e.getMessage());
        } finally {
            activity.batchesRunning.decrementAndGet();
        }
    }

    private void respond(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        // the content type first: a form body must not be parsed for parameters before it is refused
        String header = request.getHeader("Content-Type");
        String type = MediaTypeHeader.mediaType(header);
        if (!ACCEPTED_TYPES.contains(type)) {
            refuse(
                    response,
                    DdxError.UNSUPPORTED_BATCH_TYPE,
                    header == null || header.isBlank()
                            ? "a batch needs a Content-Type: application/x-ndjson"
                            : "unsupported content type " + PrintableText.of(type.isEmpty() ? header : type)
                                    + " for a batch");
            return;
        }
        String charset = MediaTypeHeader.charset(header);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("us-ascii")) {
            refuse(
                    response,
                    DdxError.UNSUPPORTED_BATCH_TYPE,
                    "unsupported charset " + PrintableText.of(charset) + ": cases are read as UTF-8");
            return;
        }
        boolean store = "true".equalsIgnoreCase(request.getParameter("store"));
        if (store && !writesAllowed) {
            refuse(response, DdxError.WRITES_DISABLED, "this server does not store rankings (?store=true)");
            return;
        }
        // as /asps/ddx: without valid credentials Jetty answers 401 with a challenge, and nothing is read
        if (store && request.getRemoteUser() == null && !request.authenticate(response)) return;
        boolean strict = "true".equalsIgnoreCase(request.getParameter("strict"));
        boolean next = "true".equalsIgnoreCase(request.getParameter("next"));
        Optional<RankingDetail> detail = DifferentialEndpoint.detail(request.getParameter("detail"));
        if (detail.isEmpty()) {
            refuse(
                    response,
                    DdxError.UNKNOWN_DETAIL,
                    "unknown detail " + PrintableText.of(request.getParameter("detail")));
            return;
        }

        idleTimeout(request, idleTimeoutMillis);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(JSON_LINES + ";charset=utf-8");
        OutputStream out = response.getOutputStream();
        LineReader lines = new LineReader(request.getInputStream(), maxLineBytes);
        long number = 0;
        long ranked = 0;
        long flushed = System.nanoTime();
        while (lines.next()) {
            number++;
            if (number > maxCases) {
                writeLine(
                        out,
                        errorLine(
                                number,
                                DdxError.BATCH_TOO_LONG,
                                "the batch has more than " + maxCases + " cases; line " + number
                                        + " and the lines after it were not read"));
                out.flush();
                LOG.info("ddx batch cut at {} lines", maxCases);
                return;
            }
            answer(out, lines, number, strict, next, detail.get(), store, request.getRemoteUser());
            ranked++;
            activity.batchLinesAnswered.incrementAndGet();
            // the answer so far goes out whenever the client has sent nothing more yet, and at least every
            // FLUSH_EVERY_NANOS: a write to a client that has gone fails, which ends the batch (its rest unranked)
            long now = System.nanoTime();
            if (!lines.more() || now - flushed > FLUSH_EVERY_NANOS) {
                out.flush();
                flushed = now;
            }
        }
        out.flush();
        LOG.info("ddx batch: {} lines", ranked);
    }

    /** Writes the answer to one line: its ranking (streamed, on one line), or an error object naming the line. */
    private void answer(
            OutputStream out,
            LineReader lines,
            long number,
            boolean strict,
            boolean next,
            RankingDetail detail,
            boolean store,
            String user)
            throws IOException {
        LineAnswer answer = rankLine(lines, number, strict, next, store, user);
        if (answer.ranking() != null) {
            answer.ranking().writeJson(out, detail, false);
            out.write('\n');
        } else {
            writeLine(out, answer.error());
        }
    }

    /** A line's ranking, or the error object that answers it. */
    private record LineAnswer(RankedCase ranking, JsonNode error) {}

    /** The ranking of one line, or the error object naming the line. */
    private LineAnswer rankLine(
            LineReader lines, long number, boolean strict, boolean next, boolean store, String user) {
        if (lines.tooLong()) {
            return new LineAnswer(
                    null,
                    errorLine(
                            number,
                            DdxError.LINE_TOO_LARGE,
                            "line " + number + " is longer than " + maxLineBytes + " bytes (the server's --max-body)"));
        }
        byte[] bytes = lines.bytes();
        if (isBlank(bytes)) {
            return new LineAnswer(
                    null,
                    errorLine(
                            number,
                            DdxError.INVALID_CASE,
                            "line " + number + " is empty: each line must be one JSON case"));
        }
        try {
            Utf8Text.requireValid(bytes, DifferentialEndpoint.SOURCE);
            String text = new String(bytes, StandardCharsets.UTF_8);
            CaseInput input = CaseInput.json(text, DifferentialEndpoint.SOURCE);
            RankedCase ranking = next
                    ? service.rank(service.read(input, strict))
                    : service.rankWithoutNextFindings(service.read(input, strict));
            if (store) {
                cases.store(ranking);
                LOG.info(
                        "stored the ranking of {} for {}", ranking.patientCase().iri(), user);
            }
            return new LineAnswer(ranking, null);
        } catch (AspsKgException e) {
            ObjectNode error = DdxError.INVALID_CASE.body(e);
            atLine(error, number);
            return new LineAnswer(null, error);
        } catch (RuntimeException | StackOverflowError e) {
            // a bug in this line's ranking (as on /asps/ddx, a stack overflow included): its error line, then the next
            LOG.warn("ddx batch line {} failed: {}", number, e.toString());
            return new LineAnswer(
                    null,
                    errorLine(number, DdxError.INTERNAL_ERROR, "the ranking of line " + number + " failed: " + e));
        }
    }

    /**
     * The body is read as it arrives, on this request's thread: a client that stops sending is let go
     * after the server's body deadline without a byte, rather than Jetty's longer connection default.
     */
    private static void idleTimeout(HttpServletRequest request, long millis) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (jetty != null)
            jetty.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(millis);
    }

    private static ObjectNode errorLine(long number, DdxError error, String message) {
        ObjectNode body = error.body(message);
        atLine(body, number);
        return body;
    }

    /**
     * Puts the batch's line number first in an error object, and on each of its problems: a case is
     * one line, so a position the reader gives as line 1 of the case is that line of the batch.
     */
    private static void atLine(ObjectNode error, long number) {
        ObjectNode copy = error.deepCopy();
        error.removeAll();
        error.put("line", number);
        error.setAll(copy);
        for (JsonNode problem : error.path("problems")) {
            if (problem instanceof ObjectNode p && p.has("line")) p.put("line", number);
            for (JsonNode side : problem.path("clashingStatements")) {
                for (JsonNode statement : side) {
                    if (statement instanceof ObjectNode s && s.has("line")) s.put("line", number);
                }
            }
        }
    }

    private static void writeLine(OutputStream out, JsonNode json) throws IOException {
        out.write(ONE_LINE.writeValueAsBytes(json));
        out.write('\n');
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') return false;
        }
        return true;
    }

    private static void refuse(HttpServletResponse response, DdxError error, String message) {
        if (response.isCommitted()) {
            // the answer has started: the reason becomes its last line (no line number: the body broke)
            try {
                OutputStream out = response.getOutputStream();
                writeLine(out, error.body(message));
                out.flush();
            } catch (IOException | RuntimeException e) {
                LOG.info("could not end the batch: {}", e.getMessage());
            }
            return;
        }
        try {
            response.resetBuffer();
            byte[] bytes = RankingJson.write(error.body(message)).getBytes(StandardCharsets.UTF_8);
            response.setStatus(error.status);
            response.setContentType(DifferentialEndpoint.JSON);
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            LOG.warn("could not send the error: {}", e.getMessage());
        }
    }

    /**
     * Splits a stream into lines ({@code \n}, a {@code \r} before it dropped) without keeping more than
     * {@code max} bytes of one: the rest of a longer line is read past and the line marked too long.
     * A last line without a newline counts; the newline ending the body does not start an empty one.
     * Reads in blocks (a byte at a time through a synchronized stream would cost as much as the ranking).
     */
    static final class LineReader {
        private final InputStream in;
        private final int max;
        private final byte[] block = new byte[BUFFER];
        private int position;
        private int limit;
        private byte[] line = new byte[1024];
        private int length;
        private boolean tooLong;

        LineReader(InputStream in, long max) {
            this.in = in;
            this.max = (int) Math.min(Integer.MAX_VALUE - 8, max);
        }

        /** Reads the next line; false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    int n = in.read(block);
                    if (n < 0) break;
                    position = 0;
                    limit = n;
                    continue;
                }
                any = true;
                int end = position;
                while (end < limit && block[end] != '\n') end++;
                append(position, end - position);
                boolean newline = end < limit;
                position = newline ? end + 1 : end;
                if (newline) break;
            }
            if (!any) return false;
            if (!tooLong && length > 0 && line[length - 1] == '\r') length--;
            return true;
        }

        private void append(int from, int count) {
            int room = max - length;
            if (count > room) {
                tooLong = true;
                count = room;
            }
            if (count <= 0) return;
            if (length + count > line.length)
                line = Arrays.copyOf(line, (int) Math.min(max, Math.max(2L * line.length, length + count)));
            System.arraycopy(block, from, line, length, count);
            length += count;
        }

        /** Whether more of the body is at hand without waiting for the client. */
        boolean more() throws IOException {
            return position < limit || in.available() > 0;
        }

        boolean tooLong() {
            return tooLong;
        }

        byte[] bytes() {
            return Arrays.copyOf(line, length);
        }
    }
}
