package org.aspskg.serve;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.EagerContentHandler.RetainedContentLoaderFactory.RetainedContentLoader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Request bodies are received in full before a request gets a thread: Jetty's
 * {@link EagerContentHandler} retains the body asynchronously, so a client that trickles its body
 * holds a connection but no server thread, and the SPARQL and ddx code never blocks on a slow
 * client. Two bounds are added to Jetty's loader:
 *
 * <ul>
 *   <li>size: a declared {@code Content-Length} above the limit is refused with 413 before any of
 *       the body is read; a body without one (chunked) is refused once more than the limit has
 *       arrived;</li>
 *   <li>time: the body must be complete within a deadline counted from the request's headers. An
 *       idle timeout would restart with every byte (one byte every few seconds keeps it alive for
 *       ever); this deadline does not. A body still arriving then is refused with 408.</li>
 * </ul>
 *
 * Both refusals go through the server's error handler ({@link ServerErrors}), so the ddx endpoint
 * answers them in JSON like its other errors.
 */
final class RequestBodies implements EagerContentHandler.ContentLoaderFactory {
    private final long maxBytes;
    private final Duration deadline;

    private RequestBodies(long maxBytes, Duration deadline) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    /** A handler that loads every request body under these bounds before calling {@code next}. */
    static EagerContentHandler handler(long maxBytes, Duration deadline) {
        return new EagerContentHandler(new RequestBodies(maxBytes, deadline));
    }

    @Override
    public String getApplicableMimeType() {
        return null; // every content type: forms and SPARQL bodies alike
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(
            String contentType,
            String mimeType,
            Handler handler,
            Request request,
            Response response,
            Callback callback) {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxBytes) return new Refusal(handler, request, response, callback, declared);
        // framing overhead 0: the retained size is the body's own size; one byte over the limit is refused
        return new DeadlineLoader(handler, request, response, callback, maxBytes + 1, deadline);
    }

    /** Refuses a body whose declared length is over the limit, without reading it. */
    private final class Refusal extends EagerContentHandler.ContentLoader {
        private final long declared;

        Refusal(Handler handler, Request request, Response response, Callback callback, long declared) {
            super(handler, request, response, callback);
            this.declared = declared;
        }

        @Override
        protected void load() {
            Response.writeError(
                    getRequest(),
                    getResponse(),
                    getCallback(),
                    HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "the request body (" + declared + " bytes) is larger than the server's limit of " + maxBytes
                            + " bytes");
        }
    }

    /** Jetty's retaining loader, cut off with 408 when the body is not complete by the deadline. */
    private static final class DeadlineLoader extends RetainedContentLoader {
        private enum State {
            LOADING,
            DISPATCHED,
            EXPIRED
        }

        private final AtomicReference<State> state = new AtomicReference<>(State.LOADING);
        private final Duration deadline;
        private Scheduler.Task timer;

        DeadlineLoader(
                Handler handler,
                Request request,
                Response response,
                Callback callback,
                long maxRetainedBytes,
                Duration deadline) {
            super(handler, request, response, callback, maxRetainedBytes, 0, true);
            this.deadline = deadline;
        }

        @Override
        protected void load() {
            long left = deadline.toNanos() - NanoTime.since(getRequest().getHeadersNanoTime());
            timer = getHandler()
                    .getServer()
                    .getScheduler()
                    .schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
            super.load();
        }

        @Override
        protected void read(boolean execute) {
            if (state.get() == State.EXPIRED) return; // a late byte after the 408: nothing more to do
            super.read(execute);
        }

        @Override
        protected void handle(Request request, Response response, Callback callback) {
            if (!state.compareAndSet(State.LOADING, State.DISPATCHED)) return;
            timer.cancel();
            super.handle(request, response, callback);
        }

        private void expire() {
            if (!state.compareAndSet(State.LOADING, State.EXPIRED)) return;
            Response.writeError(
                    getRequest(),
                    getResponse(),
                    getCallback(),
                    HttpStatus.REQUEST_TIMEOUT_408,
                    "the request body was not received within " + deadline.toMillis() + " ms of the request");
        }
    }
}
