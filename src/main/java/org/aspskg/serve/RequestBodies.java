package org.aspskg.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
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
 *   <li>size: a declared {@code Content-Length} above the limit is refused with 413 and nothing of
 *       the body is kept (up to {@link #DISCARD_CAP} it is read and dropped first, so the client can
 *       read the answer); a body without one (chunked) is refused once more than the limit has
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
    /** The largest over-limit body that is read and dropped before the 413, rather than cut off. */
    static final long DISCARD_CAP = 16L << 20;

    private final long maxBytes;
    private final Duration deadline;

    private final String streamedPath;
    private final String spooledPath;
    private final Path spoolDirectory;

    private RequestBodies(
            long maxBytes, Duration deadline, String streamedPath, String spooledPath, Path spoolDirectory) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.streamedPath = streamedPath;
        this.spooledPath = spooledPath;
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * A handler that loads every request body under these bounds before calling {@code next}, except
     * a body sent to {@code streamedPath}, which its endpoint reads as it arrives and bounds itself
     * (per line and in lines: {@link DifferentialBatchEndpoint}), and a {@code PUT} or {@code POST}
     * body sent to {@code spooledPath} (Graph Store uploads; null for none), which is loaded under the
     * same bounds into a temporary file in {@code spoolDirectory} instead of memory ({@link SpooledBody}).
     */
    static EagerContentHandler handler(
            long maxBytes, Duration deadline, String streamedPath, String spooledPath, Path spoolDirectory) {
        return new EagerContentHandler(
                new RequestBodies(maxBytes, deadline, streamedPath, spooledPath, spoolDirectory));
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
        if (streamedPath.equals(Request.getPathInContext(request))) return null; // handled at once, read as it comes
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxBytes) return new Refusal(handler, request, response, callback, declared);
        if (isUpload(request))
            return new SpooledBody(handler, request, response, callback, maxBytes, deadline, spoolDirectory);
        // framing overhead 0: the retained size is the body's own size; one byte over the limit is refused
        return new DeadlineLoader(handler, request, response, callback, maxBytes + 1, deadline);
    }

    /** A Graph Store write: {@code PUT} or {@code POST} to the spooled path. */
    private boolean isUpload(Request request) {
        if (spooledPath == null || !spooledPath.equals(Request.getPathInContext(request))) return false;
        return HttpMethod.PUT.is(request.getMethod()) || HttpMethod.POST.is(request.getMethod());
    }

    /**
     * Refuses a body whose declared length is over the limit. A body of up to {@value #DISCARD_CAP}
     * bytes is first read and dropped (within the deadline), so that a client still sending it reads
     * the 413 instead of a connection reset; a larger one is refused at once and its connection closed.
     */
    private final class Refusal extends EagerContentHandler.ContentLoader implements Runnable {
        private final long declared;
        private final AtomicBoolean answered = new AtomicBoolean();
        private Scheduler.Task timer;

        Refusal(Handler handler, Request request, Response response, Callback callback, long declared) {
            super(handler, request, response, callback);
            this.declared = declared;
        }

        @Override
        protected void load() {
            if (declared > DISCARD_CAP) {
                refuse();
                return;
            }
            long left = deadline.toNanos() - NanoTime.since(getRequest().getHeadersNanoTime());
            timer = getHandler()
                    .getServer()
                    .getScheduler()
                    .schedule(this::refuse, Math.max(0, left), TimeUnit.NANOSECONDS);
            run();
        }

        /** Reads and drops what has arrived; called again when more arrives. */
        @Override
        public void run() {
            while (!answered.get()) {
                Content.Chunk chunk = getRequest().read();
                if (chunk == null) {
                    getRequest().demand(this);
                    return;
                }
                boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
                chunk.release();
                if (end) {
                    refuse();
                    return;
                }
            }
        }

        private void refuse() {
            if (!answered.compareAndSet(false, true)) return;
            if (timer != null) timer.cancel();
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
            // Jetty's own 413 (too much arrived) completes the request without dispatching it
            Request.addCompletionListener(getRequest(), failure -> timer.cancel());
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
