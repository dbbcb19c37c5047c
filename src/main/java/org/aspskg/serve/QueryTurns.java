package org.aspskg.serve;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
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
 * goes on as a full turn when one is free and is stopped with 503 otherwise.
 *
 * <p>A reserved turn is also given up to a newer query: a query that has run on one for at least
 * {@link #RESERVED_MINIMUM} is stopped (503, busy) as soon as another query waits for a turn and no
 * turn is already on its way to that waiter; with several, the one that has run longest goes first.
 * With no one waiting it runs on, up to the reserved time. The rule: reserved turns exist for cheap
 * queries while the full ones are taken. A query still running after the minimum is not cheap; it
 * has had its share, and keeping it keeps every cheap query waiting behind it, whereas cutting it
 * when nobody needs the turn gains nobody anything. So however many addresses runaway queries come
 * from, at most the full turns are held for long, and a cheap query (an {@code ASK {}}) arriving
 * meanwhile waits about the minimum, not the reserved time, for a turn.
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

    /**
     * How long a query on a reserved turn runs before a newer waiting query may take its turn (at most
     * the reserved time). Half the 100 ms that a cheap query should take behind runaways: the other
     * half is left for stopping the holder and for the cheap query's own work.
     */
    static final Duration RESERVED_MINIMUM = Duration.ofMillis(50);

    private final int full;
    private final int reserved;
    private final Duration reservedTime;
    private final int maxWaiting;
    private final Duration maxWait;
    private final ClientWatch clients = new ClientWatch();

    private int fullTaken;
    private int reservedTaken;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    /** The turns on the reserved lane, in the order they were given; a turn leaves it when it ends. */
    private final List<Turn> onReserved = new ArrayList<>();
    /** Whether a check for turns to give up to waiters is scheduled (a holder was within its minimum). */
    private boolean recheckScheduled;

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
        private final long givenNanos = System.nanoTime();

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
            QueryExec exec = markStopped(becauseBusy);
            if (exec != null) exec.abort();
        }

        /** Marks the turn stopped; the execution to abort, if there is one and it was not stopped yet. */
        private synchronized QueryExec markStopped(boolean becauseBusy) {
            if (finished || stopped) return null;
            stopped = true;
            busy = becauseBusy;
            return execution;
        }

        private synchronized boolean ending() {
            return finished || stopped;
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
        Turn turn;
        boolean queued = false;
        synchronized (this) {
            if (fullTaken < full) {
                fullTaken++;
                turn = new Turn(Lane.FULL);
            } else if (reservedTaken < reserved) {
                reservedTaken++;
                turn = reservedTurn();
            } else if (waiting.size() >= maxWaiting) {
                turn = null;
            } else {
                Waiting w = new Waiting(request, response, callback);
                waiting.addLast(w);
                w.timeout = request.getComponents()
                        .getScheduler()
                        .schedule(() -> expire(w), maxWait.toMillis(), TimeUnit.MILLISECONDS);
                turn = null;
                queued = true;
            }
        }
        if (queued) {
            cutForWaiters();
            return true;
        }
        if (turn == null) {
            busy(
                    request,
                    response,
                    callback,
                    "the server is running as many queries as it can and " + maxWaiting + " more are waiting");
            return true;
        }
        return run(turn, request, response, callback);
    }

    /** A new turn on the reserved lane; the caller holds this object's lock and has counted it. */
    private Turn reservedTurn() {
        Turn t = new Turn(Lane.RESERVED);
        onReserved.add(t);
        return t;
    }

    /**
     * Stops reserved turns for the queries that wait: one for each waiter that no stopping turn will
     * serve, oldest first, among those past {@link #RESERVED_MINIMUM}. If a turn still within its
     * minimum would be next, checks again when its minimum is up.
     */
    private void cutForWaiters() {
        List<QueryExec> toAbort = new ArrayList<>();
        long recheckNanos = -1;
        long minimum = Math.min(RESERVED_MINIMUM.toNanos(), reservedTime.toNanos());
        synchronized (this) {
            int need = waiting.size();
            for (Turn t : onReserved) if (t.ending()) need--;
            if (need <= 0) return;
            long now = System.nanoTime();
            List<Turn> oldestFirst = new ArrayList<>(onReserved);
            oldestFirst.sort(Comparator.comparingLong(t -> t.givenNanos));
            for (Turn t : oldestFirst) {
                if (need == 0) break;
                if (t.ending()) continue;
                long ran = now - t.givenNanos;
                if (ran >= minimum) {
                    // an execution not yet attached is aborted by attach
                    QueryExec exec = t.markStopped(true);
                    if (exec != null) toAbort.add(exec);
                    need--;
                } else {
                    recheckNanos = recheckNanos < 0 ? minimum - ran : Math.min(recheckNanos, minimum - ran);
                }
            }
            if (need > 0 && recheckNanos >= 0 && !recheckScheduled) {
                recheckScheduled = true;
            } else {
                recheckNanos = -1;
            }
        }
        for (QueryExec exec : toAbort) exec.abort();
        if (recheckNanos >= 0) {
            getServer()
                    .getScheduler()
                    .schedule(
                            () -> {
                                synchronized (this) {
                                    recheckScheduled = false;
                                }
                                cutForWaiters();
                            },
                            recheckNanos,
                            TimeUnit.NANOSECONDS);
        }
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
        Turn nextTurn = null;
        synchronized (this) {
            synchronized (turn) {
                if (turn.finished || turn.lane != Lane.RESERVED) return;
                if (fullTaken >= full) {
                    next = null;
                } else {
                    fullTaken++;
                    turn.lane = Lane.FULL;
                    onReserved.remove(turn);
                    next = waiting.pollLast();
                    if (next == null) reservedTaken--;
                    else nextTurn = reservedTurn();
                }
            }
        }
        if (turn.lane() == Lane.RESERVED) {
            turn.stop(true);
            return;
        }
        if (next != null) {
            resume(next, nextTurn);
            cutForWaiters();
        }
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
        Turn nextTurn;
        synchronized (this) {
            onReserved.remove(turn);
            next = lane == Lane.FULL ? waiting.pollFirst() : waiting.pollLast();
            if (next == null) {
                if (lane == Lane.FULL) fullTaken--;
                else reservedTaken--;
                return;
            }
            nextTurn = lane == Lane.FULL ? new Turn(Lane.FULL) : reservedTurn();
        }
        resume(next, nextTurn);
        // the waiters still there may need a reserved turn stopped for them
        cutForWaiters();
    }

    private void resume(Waiting w, Turn turn) {
        w.timeout.cancel();
        try {
            w.request.getContext().execute(() -> {
                try {
                    if (!run(turn, w.request, w.response, w.callback)) {
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
