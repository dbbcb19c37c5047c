package org.aspskg.serve;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.jena.sparql.core.DatasetGraph;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ddx.store.CasesGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /asps/ddx}: a case in, its ranked differential diagnosis out — a thin wrapper over
 * {@link DifferentialPipeline}, so the answer is the command line's.
 *
 * <ul>
 *   <li>Body: a JSON case ({@code Content-Type: application/json}, the default) or a Turtle case
 *       ({@code text/turtle}), at most {@value #MAX_BODY_BYTES} bytes.</li>
 *   <li>200: the ranking as JSON, or as Turtle (case and ranking) with {@code Accept: text/turtle}.</li>
 *   <li>{@code ?store=true}: the case and its ranking are also written to the cases named graph,
 *       replacing an earlier ranking of the same case, and SPARQL sees them at once.</li>
 *   <li>400: the case is invalid or contradictory; the JSON body says where and why; nothing is
 *       stored. 405 for other methods, 413 for a body too large, 415 for another content type.</li>
 * </ul>
 */
public final class DifferentialServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(DifferentialServlet.class);
    /** The largest case body accepted (a case is a few kilobytes). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** The name of a case sent over HTTP, in messages and in the JSON's {@code case.source}. */
    public static final String SOURCE = "request";

    private final transient DifferentialPipeline ddx;
    private final transient CasesGraph cases;

    /** A servlet ranking with {@code ddx} and storing, on request, in {@code dataset}'s cases graph. */
    public DifferentialServlet(DifferentialPipeline ddx, DatasetGraph dataset) {
        this.ddx = ddx;
        this.cases = new CasesGraph(dataset);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = mediaType(request.getContentType());
        boolean turtle = type.equals("text/turtle");
        if (!turtle && !type.equals("application/json") && !type.isEmpty()) {
            error(
                    response,
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    new AspsKgException(
                            "unsupported content type " + type, "Send the case as application/json or text/turtle."));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            error(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    new AspsKgException(
                            "the case is larger than " + MAX_BODY_BYTES + " bytes", "Send one case per request."));
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            RankedCase ranked =
                    ddx.rank(ddx.read(turtle ? CaseInput.turtle(text, SOURCE) : CaseInput.json(text, SOURCE)));
            if ("true".equalsIgnoreCase(request.getParameter("store"))) {
                cases.store(ranked);
                LOG.info(
                        "stored the ranking of {} in the cases graph",
                        ranked.patientCase().iri());
            }
            RankingFormat format = RankingFormat.forAccepted(mediaType(request.getHeader("Accept")));
            send(response, HttpServletResponse.SC_OK, format.mediaType(), ranked.render(format));
        } catch (AspsKgException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        error(
                response,
                HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                new AspsKgException(
                        "the differential diagnosis service takes a case by POST",
                        "POST a JSON case (Content-Type: application/json) or a Turtle case (text/turtle)."));
    }

    private static String mediaType(String header) {
        if (header == null) return "";
        String first = header.split(",")[0];
        return first.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static void error(HttpServletResponse response, int status, AspsKgException e) throws IOException {
        send(response, status, "application/json", RankingJson.write(RankingJson.error(e)));
    }

    private static void send(HttpServletResponse response, int status, String type, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }
}
