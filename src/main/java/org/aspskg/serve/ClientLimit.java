package org.aspskg.serve;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.util.Callback;

/**
 * At most so many requests from one client address are handled at once; the others wait, holding no
 * thread, and go on in arrival order as that client's earlier requests complete. So one client with
 * many connections (20 runaway queries) takes at most its share of the server, and the next handler
 * (Jetty's {@code QoSHandler}, the limit for all clients) still has room for others.
 *
 * <p>Jetty's {@code ThreadLimitHandler} limits threads per address, but it also needs a permit to
 * complete a write, so a blocking servlet (Fuseki) that writes a large answer while holding the
 * permit waits for itself: it deadlocks. Here a request holds its place from the moment it is handed
 * on until it completes, whatever its threads do.
 */
final class ClientLimit extends ConditionalHandler.Abstract {
    private final int perClient;
    private final int maxWaiting;
    private final Map<String, Client> clients = new HashMap<>();

    /**
     * @param perClient requests from one address handled at once
     * @param maxWaiting requests from one address waiting; beyond that a request gets 503 at once
     */
    ClientLimit(Handler next, int perClient, int maxWaiting) {
        super(false, next);
        this.perClient = perClient;
        this.maxWaiting = maxWaiting;
    }

    private record Waiting(Request request, Response response, Callback callback) {}

    /** One address's requests: how many are being handled, and those waiting. Guarded by the map's lock. */
    private static final class Client {
        int active;
        final Deque<Waiting> waiting = new ArrayDeque<>();
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        String address = address(request);
        synchronized (clients) {
            Client client = clients.computeIfAbsent(address, a -> new Client());
            if (client.active >= perClient) {
                if (client.waiting.size() >= maxWaiting) {
                    Response.writeError(
                            request,
                            response,
                            callback,
                            HttpStatus.SERVICE_UNAVAILABLE_503,
                            "too many requests from " + address + " at once");
                    return true;
                }
                client.waiting.addLast(new Waiting(request, response, callback));
                return true;
            }
            client.active++;
        }
        return proceed(address, request, response, callback);
    }

    @Override
    protected boolean onConditionsNotMet(Request request, Response response, Callback callback) throws Exception {
        return nextHandler(request, response, callback);
    }

    private boolean proceed(String address, Request request, Response response, Callback callback) throws Exception {
        Request.addCompletionListener(request, failure -> completed(address));
        return nextHandler(request, response, callback);
    }

    /** A request of {@code address} completed: its place goes to the next one waiting, if any. */
    private void completed(String address) {
        Waiting next;
        synchronized (clients) {
            Client client = clients.get(address);
            next = client.waiting.pollFirst();
            if (next == null) {
                if (--client.active == 0) clients.remove(address);
                return;
            }
        }
        Waiting w = next;
        try {
            w.request().getContext().execute(() -> {
                try {
                    if (!proceed(address, w.request(), w.response(), w.callback())) {
                        Response.writeError(w.request(), w.response(), w.callback(), HttpStatus.NOT_FOUND_404);
                    }
                } catch (Throwable x) {
                    Response.writeError(w.request(), w.response(), w.callback(), x);
                }
            });
        } catch (RejectedExecutionException e) {
            // the server is stopping: the waiting request ends with its connection
            w.callback().failed(e);
        }
    }

    private static String address(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
