package org.aspskg.serve;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server is working on right now, counted where the work happens: query executions and
 * batches running, lines of batches answered. For tests that check that work stops (a client that
 * went away, a query cut) and for a health view; nothing decides on these numbers.
 */
final class ServerActivity {
    final AtomicInteger queriesRunning = new AtomicInteger();
    final AtomicInteger batchesRunning = new AtomicInteger();
    final AtomicLong batchLinesAnswered = new AtomicLong();
}
