package org.aspskg.serve;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.jena.fuseki.main.sys.FusekiErrorHandler;
import org.aspskg.ddx.render.RankingJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The error pages of the whole server: Fuseki's plain text, except on the ddx endpoints, which
 * answers every error in the JSON its clients already parse ({@link DdxError}) — also those that
 * Jetty produces before the endpoint runs: a body too large (413) or too slow (408), a busy server
 * (503), a refused method (405), a missing login (401). A query refused or stopped because the
 * server is busy ({@link QueryTurns}) is answered in the same JSON ({@code "code": "server-busy"}) on
 * every path, and every busy 503 says when to try again ({@code Retry-After}).
 */
final class ServerErrors extends FusekiErrorHandler {
    private final long retryAfterSeconds;
    private final Set<String> ddxPaths;

    ServerErrors(long retryAfterSeconds, String... ddxPaths) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.ddxPaths = Set.of(ddxPaths);
    }

    /**
     * Every method gets its error page. Jetty's default (GET, POST and HEAD only) completed a refused
     * {@code PUT} with nothing written, and a refusal made while its body was still arriving (408, 413)
     * then failed on the pending read as a 500.
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        boolean busyQuery = code == HttpStatus.SERVICE_UNAVAILABLE_503
                && request.getAttribute(QueryTurns.TURN) instanceof QueryTurns.Turn turn
                && turn.stoppedBusy();
        boolean ddx = ddxPaths.contains(Request.getPathInContext(request));
        if (!busyQuery && !ddx) {
            super.generateResponse(request, response, code, message, cause, callback);
            return;
        }
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503)
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        String json = RankingJson.write(DdxError.forStatus(code).body(message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, DifferentialEndpoint.JSON);
        Content.Sink.write(response, true, json, callback);
    }

    /** A busy 503 written by a servlet: the same JSON and {@code Retry-After} as {@link #generateResponse} gives. */
    static void writeBusy(HttpServletResponse response, long retryAfterSeconds, String message) {
        try {
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.setHeader(HttpHeader.RETRY_AFTER.asString(), Long.toString(retryAfterSeconds));
            response.setContentType(DifferentialEndpoint.JSON);
            response.getOutputStream()
                    .write(RankingJson.write(DdxError.SERVER_BUSY.body(message)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client has gone
        }
    }
}
