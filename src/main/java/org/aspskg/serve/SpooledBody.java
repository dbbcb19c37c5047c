package org.aspskg.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body received in full before the request gets a thread, like every other body
 * ({@link RequestBodies}), but written to a temporary file as it arrives instead of kept in memory: a
 * Graph Store upload may be gigabytes of N-Triples, which Fuseki then parses from the file into one
 * write transaction (a malformed one is aborted, leaving the store as it was). The heap holds one
 * network buffer at a time whatever the body's size. The same bounds hold as for a body kept in memory:
 * more than the size limit arrived is refused with 413, a body not complete by the deadline with 408;
 * either way the file is closed at once. It is opened with {@link StandardOpenOption#DELETE_ON_CLOSE},
 * which on Linux unlinks it as soon as it is open: its space is taken while the request runs and given
 * back when it is closed (when the request completes), and a server killed meanwhile leaves nothing.
 */
final class SpooledBody extends EagerContentHandler.ContentLoader implements Invocable.Task {
    /** Set on a request whose body comes from a spool file: already complete, so nothing to buffer. */
    static final String ATTRIBUTE = SpooledBody.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(SpooledBody.class);
    /** The size of the buffers the spooled body is read back in. */
    private static final int READ_BUFFER = 64 * 1024;

    private enum State {
        LOADING,
        DISPATCHED,
        REFUSED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.LOADING);
    private final long maxBytes;
    private final Duration deadline;
    private final Path directory;
    private FileChannel file;
    private long received;
    private Scheduler.Task timer;

    SpooledBody(
            Handler handler,
            Request request,
            Response response,
            Callback callback,
            long maxBytes,
            Duration deadline,
            Path directory) {
        super(handler, request, response, callback);
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.directory = directory;
    }

    @Override
    protected void load() {
        try {
            Path path = Files.createTempFile(directory, "asps-kg-upload-", ".body");
            file = FileChannel.open(
                    path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            LOG.warn("cannot keep a request body in {}: {}", directory, e.toString());
            state.set(State.REFUSED);
            Response.writeError(
                    getRequest(),
                    getResponse(),
                    getCallback(),
                    HttpStatus.INSUFFICIENT_STORAGE_507,
                    "the server could not keep the request body: " + e.getMessage());
            return;
        }
        Request.addCompletionListener(getRequest(), failure -> close());
        long left = deadline.toNanos() - NanoTime.since(getRequest().getHeadersNanoTime());
        timer = getHandler().getServer().getScheduler().schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
        read(false);
    }

    /** Called again when more of the body has arrived. */
    @Override
    public void run() {
        read(true);
    }

    /**
     * Writes what has arrived to the file; once the body is complete, hands the request on, on a pool
     * thread when called back by Jetty ({@code execute}), for Fuseki's parse blocks.
     */
    private void read(boolean execute) {
        while (state.get() == State.LOADING) {
            Content.Chunk chunk = getRequest().read();
            if (chunk == null) {
                getRequest().demand(this);
                return;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    refuse(
                            HttpStatus.BAD_REQUEST_400,
                            "the request body could not be read: "
                                    + chunk.getFailure().getMessage());
                    return;
                }
                received += chunk.remaining();
                if (received > maxBytes) {
                    refuse(
                            HttpStatus.PAYLOAD_TOO_LARGE_413,
                            "the request body is larger than the server's limit of " + maxBytes + " bytes");
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                while (bytes.hasRemaining()) file.write(bytes);
                if (chunk.isLast()) {
                    if (execute) getRequest().getContext().execute(this::dispatch);
                    else dispatch();
                    return;
                }
            } catch (IOException e) {
                // a file closed by a refusal meanwhile (the deadline) is no disk problem
                if (state.get() == State.LOADING)
                    LOG.warn("cannot keep a request body in {}: {}", directory, e.toString());
                refuse(
                        HttpStatus.INSUFFICIENT_STORAGE_507,
                        "the server could not keep the request body: " + e.getMessage());
                return;
            } finally {
                chunk.release();
            }
        }
    }

    /**
     * Non-blocking as Jetty's own loader declares it, although it writes to a file: a write of one
     * network buffer lands in the page cache. (Declared blocking, the callback would run later on a pool
     * thread, and a refusal written meanwhile would fail on the demand still pending.)
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    private void dispatch() {
        if (!state.compareAndSet(State.LOADING, State.DISPATCHED)) return;
        timer.cancel();
        try {
            file.position(0);
        } catch (IOException e) {
            Response.writeError(
                    getRequest(),
                    getResponse(),
                    getCallback(),
                    HttpStatus.INSUFFICIENT_STORAGE_507,
                    "the server could not read the request body back: " + e.getMessage());
            return;
        }
        Request spooled = new FileRequest(getRequest(), file, received);
        spooled.setAttribute(ATTRIBUTE, Boolean.TRUE);
        handle(spooled, getResponse(), getCallback());
    }

    private void expire() {
        refuse(
                HttpStatus.REQUEST_TIMEOUT_408,
                "the request body was not received within " + deadline.toMillis() + " ms of the request");
    }

    private void refuse(int status, String message) {
        if (!state.compareAndSet(State.LOADING, State.REFUSED)) return;
        if (timer != null) timer.cancel();
        close();
        Response.writeError(getRequest(), getResponse(), getCallback(), status, message);
    }

    private synchronized void close() {
        if (file == null || !file.isOpen()) return;
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("cannot delete a spooled request body: {}", e.getMessage());
        }
    }

    /** The request with its body read back from the spool file, a buffer at a time. */
    private static final class FileRequest extends Request.Wrapper {
        private final FileChannel file;
        private final long length;
        private boolean ended;

        FileRequest(Request wrapped, FileChannel file, long length) {
            super(wrapped);
            this.file = file;
            this.length = length;
        }

        @Override
        public long getLength() {
            return length;
        }

        @Override
        public synchronized Content.Chunk read() {
            if (ended) return Content.Chunk.EOF;
            try {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_BUFFER, Math.max(1, length)));
                int n = file.read(buffer);
                buffer.flip();
                boolean last = n < 0 || file.position() >= length;
                ended = last;
                return Content.Chunk.from(buffer, last);
            } catch (IOException e) {
                ended = true;
                return Content.Chunk.from(e);
            }
        }

        @Override
        public boolean consumeAvailable() {
            synchronized (this) {
                ended = true;
            }
            return true;
        }

        /** The whole body is in the file: there is always something to read. */
        @Override
        public void demand(Runnable demandCallback) {
            getContext().execute(demandCallback);
        }
    }
}
