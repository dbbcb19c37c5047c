package org.aspskg.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.fuseki.servlets.ActionService;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.aspskg.AspsKgException;
import org.aspskg.PrintableText;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingDetail;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.Utf8Text;
import org.eclipse.jetty.http.BadMessageException;

/**
 * {@code POST /asps/ddx}: a case in, its ranked differential diagnosis out — a Fuseki operation (so
 * it shares Fuseki's request log, statistics, error handling and authentication) over
 * {@link DifferentialPipeline}, so the answer is the command line's.
 *
 * <ul>
 *   <li>Body: a JSON case ({@code Content-Type: application/json}, the default; its {@code "text"}
 *       field may hold the case as free text), a Turtle case ({@code text/turtle}) or the case as
 *       free text ({@code text/plain}), at most the server's {@code --max-body}.
 *   <li>{@code ?next=false}: leave out the findings to check next ({@code nextFindings} empty), which
 *       cost far more than the ranking itself (each candidate finding ranks the case twice more);
 *       the ranking is the same.
 *   <li>{@code ?pretty=false}: the same JSON on one line, without indentation (a fifth fewer
 *       bytes, and a cheaper answer); by default it is pretty-printed, byte for byte what
 *       {@code asps-kg ddx --format json} prints.
 *   <li>{@code ?detail=summary}: per hypothesis only its rank, diagnosis, IRI, probability, likelihood
 *       ratio and whether it is excluded, and the case's warnings (see {@link RankingDetail}), some
 *       three hundred times smaller; {@code ?detail=full}, the default, is everything. The Turtle
 *       answer is always full.
 *   <li>{@code ?strict=true}: refuse the case unless every name resolves exactly and all text is
 *       understood (as {@code asps-kg ddx --strict}).
 *   <li>200: the ranking as JSON, or as Turtle (case and ranking) with {@code Accept: text/turtle}.
 *   <li>{@code ?store=true}: the case and its ranking are also written to the cases named graph,
 *       replacing an earlier ranking of the same case; only on a server started with
 *       {@code --allow-writes}, and only for a user of its password file (403 and 401 otherwise).
 *   <li>Every refusal is JSON with a stable {@code code} ({@link DdxError}).
 * </ul>
 */
public final class DifferentialEndpoint extends ActionService {
    /** The operation, registered with {@code FusekiServer.Builder.registerOperation}. */
    public static final Operation OPERATION = Operation.alloc(
            AspsVocabulary.OPERATION_DDX, "ddx", "Differential diagnosis: a patient case in, its ranking out");
    /** The name of a case sent over HTTP, in messages and in the JSON's {@code case.source}. */
    public static final String SOURCE = "request";

    static final String JSON = "application/json;charset=utf-8";
    private static final String TURTLE = "text/turtle";
    private static final String PLAIN_TEXT = "text/plain";
    /** What ends the JSON answer, as the command line ends it. */
    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);

    private final DifferentialPipeline service;
    private final CasesGraph cases;
    private final boolean writesAllowed;
    private final long maxBodyBytes;

    /**
     * @param cases where {@code ?store=true} writes
     * @param writesAllowed whether {@code ?store=true} is allowed at all (it also needs a logged-in user)
     */
    public DifferentialEndpoint(
            DifferentialPipeline service, CasesGraph cases, boolean writesAllowed, long maxBodyBytes) {
        this.service = service;
        this.cases = cases;
        this.writesAllowed = writesAllowed;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void execPost(HttpAction action) {
        executeLifecycle(action);
    }

    /** Every other method, TRACE and OPTIONS included, is refused. */
    @Override
    public void execAny(String methodName, HttpAction action) {
        action.setResponseHeader("Allow", "POST");
        refuse(
                action,
                DdxError.METHOD_NOT_ALLOWED,
                "the differential diagnosis service takes a case by POST, not " + methodName);
    }

    @Override
    public void validate(HttpAction action) {}

    @Override
    public void execute(HttpAction action) {
        try {
            respond(action);
        } catch (BadMessageException e) {
            // Jetty's word for a malformed request (an unknown charset, a broken form or chunk): the client's mistake
            refuse(action, DdxError.BAD_REQUEST, "a malformed request: " + e.getReason());
        } catch (IOException e) {
            // the body could not be read to its end (a bad chunk, a connection cut early): the client's too
            action.log.info("[{}] ddx request body unreadable: {}", action.id, e.toString());
            refuse(action, DdxError.BAD_REQUEST, "the request body could not be read: " + e.getMessage());
        } catch (ServletException | RuntimeException | StackOverflowError e) {
            // a bug, answered as JSON like every other failure; a StackOverflowError (recursion gone too
            // deep) leaves the JVM usable, unlike other Errors, which are left to the server
            action.log.warn("[{}] ddx failed: {}", action.id, e.toString());
            refuse(action, DdxError.INTERNAL_ERROR, "the ranking failed: " + e);
        }
    }

    private void respond(HttpAction action) throws IOException, ServletException {
        boolean store = "true".equalsIgnoreCase(action.getRequestParameter("store"));
        if (store && !writesAllowed) {
            refuse(action, DdxError.WRITES_DISABLED, "this server does not store rankings (?store=true)");
            return;
        }
        // resolves the request's credentials, if any; without valid ones Jetty answers 401 with a challenge
        if (store && action.getUser() == null && !action.getRequest().authenticate(action.getResponse())) return;

        String header = action.getRequest().getHeader("Content-Type");
        String type = MediaTypeHeader.mediaType(header);
        boolean turtle = type.equals(TURTLE);
        boolean plain = type.equals(PLAIN_TEXT);
        boolean strict = "true".equalsIgnoreCase(action.getRequestParameter("strict"));
        boolean next = !"false".equalsIgnoreCase(action.getRequestParameter("next"));
        boolean pretty = !"false".equalsIgnoreCase(action.getRequestParameter("pretty"));
        Optional<RankingDetail> detail = detail(action.getRequestParameter("detail"));
        if (detail.isEmpty()) {
            refuse(
                    action,
                    DdxError.UNKNOWN_DETAIL,
                    "unknown detail " + PrintableText.of(action.getRequestParameter("detail")));
            return;
        }
        if ((!turtle && !plain && !type.equals("application/json") && !type.isEmpty())
                || (type.isEmpty() && header != null && !header.isBlank())) {
            refuse(
                    action,
                    DdxError.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported content type " + PrintableText.of(type.isEmpty() ? header : type));
            return;
        }
        String charset = MediaTypeHeader.charset(header);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("us-ascii")) {
            refuse(
                    action,
                    DdxError.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported charset " + PrintableText.of(charset) + ": cases are read as UTF-8");
            return;
        }
        byte[] body;
        try (InputStream in = action.getRequestInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (body.length > maxBodyBytes) {
            refuse(action, DdxError.BODY_TOO_LARGE, "the case is larger than " + maxBodyBytes + " bytes");
            return;
        }
        RankedCase ranking;
        try {
            Utf8Text.requireValid(body, SOURCE); // a byte that is not UTF-8 is refused, not read as U+FFFD
            String text = new String(body, StandardCharsets.UTF_8);
            CaseInput input = turtle
                    ? CaseInput.turtle(text, SOURCE)
                    : plain ? CaseInput.text(text, SOURCE) : CaseInput.json(text, SOURCE);
            PatientCase c = service.read(input, strict);
            ranking = next ? service.rank(c) : service.rankWithoutNextFindings(c);
        } catch (AspsKgException e) {
            send(action, DdxError.INVALID_CASE.status, JSON, RankingJson.write(DdxError.INVALID_CASE.body(e)));
            return;
        }
        if (store) {
            cases.store(ranking);
            action.log.info(
                    "[{}] stored the ranking of {} for {}",
                    action.id,
                    ranking.patientCase().iri(),
                    action.getUser());
        }
        if (MediaTypeHeader.mediaType(action.getRequest().getHeader("Accept")).equals(TURTLE)) {
            send(action, HttpServletResponse.SC_OK, TURTLE + ";charset=utf-8", ranking.render(RankingFormat.TTL));
        } else {
            // streamed to the answer, no tree and no text of the whole ranking; Jetty sends an answer
            // that fits its buffer (a summary) with its length, a longer one in chunks
            action.setResponseStatus(HttpServletResponse.SC_OK);
            action.setResponseContentType(JSON);
            OutputStream out = action.getResponseOutputStream();
            ranking.writeJson(out, detail.get(), pretty);
            out.write(LINE_END);
        }
    }

    /** The detail a request asks for: full when it names none, empty when it names an unknown one. */
    static Optional<RankingDetail> detail(String parameter) {
        return parameter == null || parameter.isEmpty()
                ? Optional.of(RankingDetail.FULL)
                : RankingDetail.named(parameter);
    }

    private static void refuse(HttpAction action, DdxError error, String message) {
        ObjectNode body = error.body(message);
        try {
            send(action, error.status, JSON, RankingJson.write(body));
        } catch (IOException e) {
            action.log.warn("[{}] could not send the error: {}", action.id, e.getMessage());
        }
    }

    private static void send(HttpAction action, int status, String type, String body) throws IOException {
        send(action, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpAction action, int status, String type, byte[] bytes) throws IOException {
        action.setResponseStatus(status);
        action.setResponseContentType(type);
        action.setResponseContentLength(bytes.length);
        action.getResponseOutputStream().write(bytes);
    }
}
