package org.aspskg.serve;

import java.time.Duration;
import org.aspskg.AspsKgException;

/**
 * How much work one request, one client and all clients together may make the server do. Every
 * limit is enforced by Jetty or Fuseki machinery that {@link KnowledgeGraphServer} assembles; this
 * record only holds the numbers.
 *
 * @param maxBodyBytes the largest request body (SPARQL query or update, Graph Store upload, case); a
 *     larger one is refused with 413 before it is read
 * @param bodyReadTimeout the time from a request's headers to the last byte of its body; a body still
 *     arriving then is refused with 408. Unlike an idle timeout it does not restart with each byte
 * @param maxRows the most rows (SELECT), triples or quads (CONSTRUCT, DESCRIBE) or JSON objects that one
 *     query may answer; the answer is built in full before its first byte is sent, so a larger one, or
 *     one cut by the query time limit, becomes an error instead of a truncated 200
 * @param maxConcurrentRequests requests other than SPARQL queries handled at once, all clients together;
 *     more wait in a queue
 * @param maxRequestsPerClient requests from one client address handled at once; more from that address
 *     wait (without holding a thread) so that one client cannot take every slot
 * @param maxQueuedRequests requests waiting for a slot (for query turns, for the other requests, and per
 *     client, each separately); beyond that a request is refused with 503 at once
 * @param maxQueueWait how long a request may wait for a slot before it is refused with 503
 * @param maxBatchCases the most cases (lines) one {@code POST /asps/ddx/batch} may send; each line is
 *     itself bounded by {@code maxBodyBytes}, and the body is streamed, so this bounds the time one
 *     batch holds its request slot, not memory
 * @param maxQueries SPARQL query executions at once, all clients together, each with the full query
 *     time limit; these requests are counted here, not under {@code maxConcurrentRequests}
 * @param reservedQueries query executions at once beyond {@code maxQueries}, for queries that arrive
 *     when every full turn is taken: each may run {@code reservedQueryTime}, then it continues on a
 *     full turn if one is free or is stopped with 503. So runaway queries, however many addresses they
 *     come from, hold at most {@code maxQueries} turns for long, and a cheap query still answers
 * @param reservedQueryTime how long a query may run on a reserved turn
 */
public record ServerLimits(
        long maxBodyBytes,
        Duration bodyReadTimeout,
        long maxRows,
        int maxConcurrentRequests,
        int maxRequestsPerClient,
        int maxQueuedRequests,
        Duration maxQueueWait,
        long maxBatchCases,
        int maxQueries,
        int reservedQueries,
        Duration reservedQueryTime) {

    /** 1 MiB: a case is a few kilobytes, the longest library query a few. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_ROWS = 100_000;
    /** Per client: as many as the machine has cores (at least 2), so one client can use the whole CPU but no more. */
    public static final int DEFAULT_MAX_REQUESTS_PER_CLIENT =
            Math.max(2, Runtime.getRuntime().availableProcessors());
    /** All clients: four clients' worth, so a few heavy clients leave room for the rest. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 4 * DEFAULT_MAX_REQUESTS_PER_CLIENT;

    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 64;
    public static final Duration DEFAULT_MAX_QUEUE_WAIT = Duration.ofSeconds(10);
    /**
     * Query executions at once with the full time limit: one a core (at least 2); a query is CPU-bound,
     * so more at once would only make each slower.
     */
    public static final int DEFAULT_MAX_QUERIES =
            Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Query executions at once beyond {@link #DEFAULT_MAX_QUERIES}, each for a short time only. */
    public static final int DEFAULT_RESERVED_QUERIES = 2;
    /** How long a query may run on a reserved turn (unless a full turn is free by then). */
    public static final Duration DEFAULT_RESERVED_QUERY_TIME = Duration.ofSeconds(1);
    /** 100,000 cases: a few seconds of ranking on one core; a larger cohort is sent as several batches. */
    public static final long DEFAULT_MAX_BATCH_CASES = 100_000;

    /**
     * The longest query text, in characters, that a log line shows; the rest is cut (logback's
     * {@code %.-N} format modifier on the Fuseki loggers in {@code logback.xml}).
     */
    public static final int LOGGED_QUERY_CHARS = 2000;

    public ServerLimits {
        positive(maxBodyBytes, "--max-body");
        positive(maxRows, "--max-rows");
        positive(maxConcurrentRequests, "--max-concurrent");
        positive(maxRequestsPerClient, "--max-per-client");
        positive(maxBatchCases, "--max-batch");
        positive(maxQueries, "--max-queries");
        if (reservedQueries < 0) {
            throw new AspsKgException("--reserved-queries must be 0 or more", "e.g. --reserved-queries 2");
        }
        if (reservedQueryTime.isNegative() || reservedQueryTime.isZero()) {
            throw new AspsKgException("--reserved-timeout must be positive", "e.g. --reserved-timeout 1000 (ms)");
        }
        if (maxQueueWait.isNegative() || maxQueueWait.isZero()) {
            throw new AspsKgException("--queue-timeout must be positive", "e.g. --queue-timeout 10000 (ms)");
        }
        if (maxQueuedRequests < 0) {
            throw new AspsKgException("--max-queued must be 0 or more", "e.g. --max-queued 64");
        }
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new AspsKgException("--body-timeout must be positive", "e.g. --body-timeout 10000 (ms)");
        }
    }

    /** The defaults {@code asps-kg serve} starts with. */
    public static ServerLimits defaults() {
        return new ServerLimits(
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_BODY_READ_TIMEOUT,
                DEFAULT_MAX_ROWS,
                DEFAULT_MAX_CONCURRENT_REQUESTS,
                DEFAULT_MAX_REQUESTS_PER_CLIENT,
                DEFAULT_MAX_QUEUED_REQUESTS,
                DEFAULT_MAX_QUEUE_WAIT,
                DEFAULT_MAX_BATCH_CASES,
                DEFAULT_MAX_QUERIES,
                DEFAULT_RESERVED_QUERIES,
                DEFAULT_RESERVED_QUERY_TIME);
    }

    public ServerLimits withMaxBodyBytes(long bytes) {
        return new ServerLimits(
                bytes,
                bodyReadTimeout,
                maxRows,
                maxConcurrentRequests,
                maxRequestsPerClient,
                maxQueuedRequests,
                maxQueueWait,
                maxBatchCases,
                maxQueries,
                reservedQueries,
                reservedQueryTime);
    }

    public ServerLimits withBodyReadTimeout(Duration timeout) {
        return new ServerLimits(
                maxBodyBytes,
                timeout,
                maxRows,
                maxConcurrentRequests,
                maxRequestsPerClient,
                maxQueuedRequests,
                maxQueueWait,
                maxBatchCases,
                maxQueries,
                reservedQueries,
                reservedQueryTime);
    }

    public ServerLimits withMaxRows(long rows) {
        return new ServerLimits(
                maxBodyBytes,
                bodyReadTimeout,
                rows,
                maxConcurrentRequests,
                maxRequestsPerClient,
                maxQueuedRequests,
                maxQueueWait,
                maxBatchCases,
                maxQueries,
                reservedQueries,
                reservedQueryTime);
    }

    public ServerLimits withConcurrency(int concurrent, int perClient, int queued) {
        return new ServerLimits(
                maxBodyBytes,
                bodyReadTimeout,
                maxRows,
                concurrent,
                perClient,
                queued,
                maxQueueWait,
                maxBatchCases,
                maxQueries,
                reservedQueries,
                reservedQueryTime);
    }

    public ServerLimits withMaxQueueWait(Duration wait) {
        return new ServerLimits(
                maxBodyBytes,
                bodyReadTimeout,
                maxRows,
                maxConcurrentRequests,
                maxRequestsPerClient,
                maxQueuedRequests,
                wait,
                maxBatchCases,
                maxQueries,
                reservedQueries,
                reservedQueryTime);
    }

    /** Query executions at once: {@code general} with the full time limit, {@code reserved} more for at most {@code reservedTime} each. */
    public ServerLimits withQueries(int general, int reserved, Duration reservedTime) {
        return new ServerLimits(
                maxBodyBytes,
                bodyReadTimeout,
                maxRows,
                maxConcurrentRequests,
                maxRequestsPerClient,
                maxQueuedRequests,
                maxQueueWait,
                maxBatchCases,
                general,
                reserved,
                reservedTime);
    }

    public ServerLimits withMaxBatchCases(long cases) {
        return new ServerLimits(
                maxBodyBytes,
                bodyReadTimeout,
                maxRows,
                maxConcurrentRequests,
                maxRequestsPerClient,
                maxQueuedRequests,
                maxQueueWait,
                cases,
                maxQueries,
                reservedQueries,
                reservedQueryTime);
    }

    private static void positive(long value, String option) {
        if (value <= 0) throw new AspsKgException(option + " must be positive, not " + value, null);
    }
}
