package org.aspskg.serve;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the client of a request that is being worked on goes away, so the work can stop.
 * Jetty learns that a connection closed only when it reads or writes it, and a query computed in
 * memory before its first byte is sent does neither; so each watched connection is also registered
 * with this class's own selector (a channel may be registered with several). The connection becomes
 * readable when the client closes it or sends more: with nothing to read ({@code available() == 0})
 * it is the end of the stream or a reset, and the client is gone; with bytes (a pipelined request)
 * the client is still there and the watch ends, since telling more would mean consuming them.
 *
 * <p>Only for requests whose body has been received whole before they are handled: Jetty does not
 * read such a connection again until the answer is complete, so nothing else consumes what this
 * class looks at. One daemon thread for the whole server, started with the first watch.
 */
final class ClientWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientWatch.class);

    private final Queue<Watch> toRegister = new ConcurrentLinkedQueue<>();
    private volatile Selector selector;
    private Thread thread;
    private boolean closed;

    /**
     * One watched request. {@link #onGone} names what to do if its client goes (run at most once, on
     * the watch's thread or at once if the client is already gone); {@link #end} stops watching.
     */
    static final class Watch {
        private final SocketChannel channel;
        private SelectionKey key;
        private Runnable onGone;
        private boolean gone;
        private boolean ended;

        private Watch(SocketChannel channel) {
            this.channel = channel;
        }

        /** What to do when the client goes away; run now if it has gone already. */
        void onGone(Runnable action) {
            boolean now;
            synchronized (this) {
                onGone = action;
                now = gone && !ended;
            }
            if (now) action.run();
        }

        /** Whether the client was seen to go away while the request was handled. */
        synchronized boolean clientGone() {
            return gone;
        }

        /** The request is complete: nothing more to watch. */
        void end() {
            SelectionKey k;
            synchronized (this) {
                ended = true;
                k = key;
            }
            if (k != null) {
                k.cancel();
                // the selector forgets the channel at its next select: now, so that a close is not held up
                k.selector().wakeup();
            }
        }

        private void fire() {
            Runnable action;
            synchronized (this) {
                if (ended || gone) return;
                gone = true;
                action = onGone;
            }
            if (action != null) action.run();
        }

        private synchronized boolean ended() {
            return ended;
        }
    }

    /** Starts watching the connection of {@code request}; a watch that never fires when it is not a TCP socket. */
    Watch watch(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(endPoint.getTransport() instanceof SocketChannel channel)) return new Watch(null);
        Watch w = new Watch(channel);
        synchronized (this) {
            if (closed) return w;
            if (thread == null) start();
        }
        toRegister.add(w);
        selector.wakeup();
        return w;
    }

    private void start() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector to watch clients", e);
        }
        thread = new Thread(this::run, "asps-kg-client-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                if (!toRegister.isEmpty()) {
                    // a select forgets cancelled keys first: a connection's next request registers it again,
                    // which fails while the key of its previous request is cancelled but not yet forgotten
                    selector.selectNow();
                    checkSelected();
                    for (Watch w; (w = toRegister.poll()) != null; ) register(w);
                }
                selector.select(1000);
                checkSelected();
            }
        } catch (ClosedSelectorException e) {
            // the server stopped
        } catch (IOException | RuntimeException e) {
            LOG.warn("the client watch stopped: {}", e.toString());
        }
    }

    private void checkSelected() {
        for (SelectionKey k : selector.selectedKeys()) check(k);
        selector.selectedKeys().clear();
    }

    private void register(Watch w) {
        if (w.ended() || !w.channel.isOpen()) return;
        try {
            SelectionKey k = w.channel.register(selector, SelectionKey.OP_READ, w);
            synchronized (w) {
                w.key = k;
                if (w.ended) k.cancel();
            }
        } catch (IOException | RuntimeException e) {
            // closed meanwhile: the request fails by itself when it writes
            LOG.debug("not watching a connection: {}", e.toString());
        }
    }

    private static void check(SelectionKey k) {
        Watch w = (Watch) k.attachment();
        k.cancel();
        int available;
        try {
            available = w.channel.socket().getInputStream().available();
        } catch (IOException e) {
            available = 0; // reset by the client
        }
        if (available == 0) w.fire();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the client watch: {}", e.toString());
            }
        }
    }
}
