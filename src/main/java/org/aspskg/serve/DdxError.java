package org.aspskg.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.render.RankingJson;

/**
 * Every way {@code /asps/ddx} can refuse a request, each with its HTTP status and a stable
 * {@code code} that clients can test (the message may change, the code does not). The JSON body is
 * {@link RankingJson#error}'s ({@code error}, {@code hint}, {@code problems}) plus {@code code}.
 */
enum DdxError {
    BAD_REQUEST(
            400,
            "bad-request",
            "Send one well-formed HTTP request: a correct Content-Length (or chunked body), a known charset, the whole body."),
    INVALID_CASE(400, "invalid-case", "Fix the case and send it again."),
    UNKNOWN_DETAIL(
            400, "unknown-detail", "Ask for ?detail=full (the default, every piece of evidence) or ?detail=summary."),
    AUTHENTICATION_REQUIRED(
            401,
            "authentication-required",
            "Storing a ranking needs a user of the server's password file (e.g. curl -u USER …)."),
    WRITES_DISABLED(
            403,
            "writes-disabled",
            "This server is read-only: leave out ?store=true, or start it with --allow-writes --password-file FILE."),
    METHOD_NOT_ALLOWED(
            405,
            "method-not-allowed",
            "POST a JSON case (Content-Type: application/json) or a Turtle case (text/turtle)."),
    BODY_TIMEOUT(408, "body-timeout", "Send the whole case at once; the server waits a limited time for a body."),
    BODY_TOO_LARGE(413, "body-too-large", "Send one case per request (the server's limit is set with --max-body)."),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Send the case as application/json or text/turtle."),
    LINE_TOO_LARGE(
            413,
            "line-too-large",
            "Each line of a batch is one JSON case of at most the server's --max-body bytes, on one line."),
    BATCH_TOO_LONG(
            413,
            "batch-too-long",
            "Send at most the server's --max-batch cases in one batch; split a larger cohort into several batches."),
    UNSUPPORTED_BATCH_TYPE(
            415,
            "unsupported-media-type",
            "Send a batch as JSON Lines (Content-Type: application/x-ndjson), one JSON case per line."),
    SERVER_BUSY(
            503,
            "server-busy",
            "The server is at its limit of concurrent requests; try again after the seconds its Retry-After header gives."),
    INTERNAL_ERROR(500, "internal-error", "This is a bug in asps-kg: please report it with the case.");

    final int status;
    final String code;
    final String hint;

    DdxError(int status, String code, String hint) {
        this.status = status;
        this.code = code;
        this.hint = hint;
    }

    /** The error for an HTTP status that Jetty or Fuseki produced (500 for one not listed). */
    static DdxError forStatus(int status) {
        return Arrays.stream(values())
                .filter(e -> e.status == status)
                .findFirst()
                .orElse(INTERNAL_ERROR);
    }

    /** The JSON body: {@code message} with this error's hint, or {@code e}'s own hint when it has one. */
    ObjectNode body(AspsKgException e) {
        ObjectNode json = RankingJson.error(e.hint() != null ? e : new AspsKgException(e.getMessage(), hint));
        json.put("code", code);
        return json;
    }

    ObjectNode body(String message) {
        return body(new AspsKgException(message, hint));
    }
}
