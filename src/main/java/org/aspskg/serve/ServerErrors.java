package org.aspskg.serve;

import java.io.IOException;
import java.util.Set;
import org.apache.jena.fuseki.main.sys.FusekiErrorHandler;
import org.aspskg.ddx.render.RankingJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The error pages of the whole server: Fuseki's plain text, except on the ddx endpoints, which
 * answers every error in the JSON its clients already parse ({@link DdxError}) — also those that
 * Jetty produces before the endpoint runs: a body too large (413) or too slow (408), a busy server
 * (503), a refused method (405), a missing login (401).
 */
final class ServerErrors extends FusekiErrorHandler {
    private final Set<String> ddxPaths;

    ServerErrors(String... ddxPaths) {
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
        if (!ddxPaths.contains(Request.getPathInContext(request))) {
            super.generateResponse(request, response, code, message, cause, callback);
            return;
        }
        String json = RankingJson.write(DdxError.forStatus(code).body(message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, DifferentialEndpoint.JSON);
        Content.Sink.write(response, true, json, callback);
    }
}
