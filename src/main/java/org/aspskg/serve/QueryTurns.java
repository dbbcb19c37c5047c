package org.aspskg.serve;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.jena.sparql.exec.QueryExec;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Turns for SPARQL query executions, all clients together: so many <em>full</em> turns (the query
 * runs up to the query time limit) and a few <em>reserved</em> ones. A query that arrives when every
 * full turn is taken runs on a free reserved turn for a short time; if it has not finished then, it
 * goes on as a full turn when one is free and is stopped with 503 otherwise. So however many
 * addresses runaway queries come from, at most the full turns are held for long, and a cheap query
 * (an {@code ASK {}}) arriving meanwhile waits at most the reserved time for a turn.
 *
 * <p>Queries that find no turn wait, holding no thread, in one queue: a full turn that frees goes to
 * the longest waiting (first come, first served, for honest long queries); a reserved turn that frees
 * goes to the <em>newest</em> (under a burst the newest request is the one most likely still wanted and
 * still cheap, the "adaptive LIFO" of B. Maurer, Fail at Scale, ACM Queue 2015). A request beyond {@code maxWaiting} waiting,
 * or one that has waited {@code maxWait}, gets 503 with a JSON body and {@code Retry-After}
 * ({@link ServerErrors}).
 *
 * <p>While a query runs, its connection is watched ({@link ClientWatch}): when the client goes away,
 * the execution is aborted, and its turn frees as soon as Fuseki gives up on the answer.
 */
final class QueryTurns extends ConditionalHandler.Abstract {
    /** The request attribute that holds a query's {@link Turn}, read by {@link BoundedQueryService}. */
    static final String TURN = QueryTurns.class.getName() + ".turn";

    private final int full;
    private final int reserved;
    private final Duration reservedTime;
    private final int maxWaiting;
    private final Duration maxWait;
    private final ClientWatch clients = new ClientWatch();

    private int fullTaken;
    private int reservedTaken;
    private final Deque<Waiting> waiting = new ArrayDeque<>();

    QueryTurns(Handler next, ServerLimits limits) {
        super(false, next);
        this.full = limits.maxQueries();
        this.reserved = limits.reservedQueries();
        this.reservedTime = limits.reservedQueryTime();
        this.maxWaiting = limits.maxQueuedRequests();
        this.maxWait = limits.maxQueueWait();
        include(QueryTurns::isQuery);
    }

    /**
     * The SPARQL query endpoints: {@code /asps/sparql}, {@code /asps/query}, and {@code /asps} itself
     * when it is asked a query (POST, or {@code ?query=}) rather than a graph.
     */
    static boolean isQuery(Request request) {
        String path = Request.getPathInContext(request);
        String dataset = KnowledgeGraphServer.DATASET;
        if (Set.of(dataset + "/sparql", dataset + "/query").contains(path)) return true;
        if (!path.equals(dataset)) return false;
        String query = request.getHttpURI().getQuery();
        return "POST".equals(request.getMethod())
                || (query != null && (query.startsWith("query=") || query.contains("&query=")));
    }

    enum Lane {
        FULL,
        RESERVED
    }

    /** A request that waits for a turn; {@code timeout} refuses it after {@code maxWait}. */
    private static final class Waiting {
        final Request request;
        final Response response;
        final Callback callback;
        Scheduler.Task timeout;

        Waiting(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }
    }

    /**
     * One query's turn: which lane it holds, the execution to abort when it must stop, and why it was
     * stopped. Thread-safe: the lane's timer, the client watch and the request's thread all use it.
     */
    static final class Turn {
        private Lane lane;
        private QueryExec execution;
        private boolean stopped;
        private boolean busy;
        private boolean finished;
        private ClientWatch.Watch watch;
        private Scheduler.Task reservedTimer;

        private Turn(Lane lane) {
            this.lane = lane;
        }

        /** The query's execution, aborted at once if the turn has already been stopped. */
        void attach(QueryExec exec) {
            boolean abort;
            synchronized (this) {
                execution = exec;
                abort = stopped;
            }
            if (abort) exec.abort();
        }

        /** Whether the query was stopped because the server was busy (not because its client went). */
        synchronized boolean stoppedBusy() {
            return busy;
        }

        /** Whether the query was stopped because its client closed the connection (or its sending side). */
        synchronized boolean stoppedClientGone() {
            return stopped && !busy;
        }

        synchronized Lane lane() {
            return lane;
        }

        private void stop(boolean becauseBusy) {
            QueryExec exec;
            synchronized (this) {
                if (finished || stopped) return;
                stopped = true;
                busy = becauseBusy;
                exec = execution;
            }
            if (exec != null) exec.abort();
        }
    }

    /** A turn for a request refused before it ran: the error answer reads it to say "busy". */
    private static Turn refused() {
        Turn t = new Turn(null);
        t.busy = true;
        return t;
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        Lane lane;
        synchronized (this) {
            if (fullTaken < full) {
                fullTaken++;
                lane = Lane.FULL;
            } else if (reservedTaken < reserved) {
                reservedTaken++;
                lane = Lane.RESERVED;
            } else if (waiting.size() >= maxWaiting) {
                lane = null;
            } else {
                Waiting w = new Waiting(request, response, callback);
                waiting.addLast(w);
                w.timeout = request.getComponents()
                        .getScheduler()
                        .schedule(() -> expire(w), maxWait.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            }
        }
        if (lane == null) {
            busy(
                    request,
                    response,
                    callback,
                    "the server is running as many queries as it can and " + maxWaiting + " more are waiting");
            return true;
        }
        return run(new Turn(lane), request, response, callback);
    }

    @Override
    protected boolean onConditionsNotMet(Request request, Response response, Callback callback) throws Exception {
        return nextHandler(request, response, callback);
    }

    private boolean run(Turn turn, Request request, Response response, Callback callback) throws Exception {
        request.setAttribute(TURN, turn);
        Request.addCompletionListener(request, failure -> finished(turn));
        ClientWatch.Watch watch = clients.watch(request);
        synchronized (turn) {
            turn.watch = watch;
            if (turn.lane == Lane.RESERVED) turn.reservedTimer = reservedTimer(request, turn);
        }
        watch.onGone(() -> turn.stop(false));
        return nextHandler(request, response, callback);
    }

    private Scheduler.Task reservedTimer(Request request, Turn turn) {
        return request.getComponents()
                .getScheduler()
                .schedule(() -> reservedTimeUp(turn), reservedTime.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A reserved turn's time is up: go on as a full turn if one is free, or stop. */
    private void reservedTimeUp(Turn turn) {
        Waiting next;
        synchronized (this) {
            synchronized (turn) {
                if (turn.finished || turn.lane != Lane.RESERVED) return;
                if (fullTaken >= full) {
                    next = null;
                } else {
                    fullTaken++;
                    turn.lane = Lane.FULL;
                    next = waiting.pollLast();
                    if (next == null) reservedTaken--;
                }
            }
        }
        if (turn.lane() == Lane.RESERVED) {
            turn.stop(true);
            return;
        }
        if (next != null) resume(next, Lane.RESERVED);
    }

    /** A request waited too long: 503. */
    private void expire(Waiting w) {
        synchronized (this) {
            if (!waiting.remove(w)) return;
        }
        busy(w.request, w.response, w.callback, "no query turn came free within " + maxWait.toMillis() + " ms");
    }

    /** A query's request completed: its turn goes to a waiting request, or is free again. */
    private void finished(Turn turn) {
        Lane lane;
        ClientWatch.Watch watch;
        Scheduler.Task timer;
        synchronized (turn) {
            if (turn.finished) return;
            turn.finished = true;
            lane = turn.lane;
            watch = turn.watch;
            timer = turn.reservedTimer;
        }
        if (watch != null) watch.end();
        if (timer != null) timer.cancel();
        Waiting next;
        synchronized (this) {
            next = lane == Lane.FULL ? waiting.pollFirst() : waiting.pollLast();
            if (next == null) {
                if (lane == Lane.FULL) fullTaken--;
                else reservedTaken--;
                return;
            }
        }
        resume(next, lane);
    }

    private void resume(Waiting w, Lane lane) {
        w.timeout.cancel();
        try {
            w.request.getContext().execute(() -> {
                try {
                    if (!run(new Turn(lane), w.request, w.response, w.callback)) {
                        Response.writeError(w.request, w.response, w.callback, HttpStatus.NOT_FOUND_404);
                    }
                } catch (Throwable x) {
                    Response.writeError(w.request, w.response, w.callback, x);
                }
            });
        } catch (RejectedExecutionException e) {
            // the server is stopping: the waiting request ends with its connection
            w.callback.failed(e);
        }
    }

    private static void busy(Request request, Response response, Callback callback, String message) {
        request.setAttribute(TURN, refused());
        Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, message);
    }

    @Override
    protected void doStop() throws Exception {
        clients.close();
        super.doStop();
    }
}
