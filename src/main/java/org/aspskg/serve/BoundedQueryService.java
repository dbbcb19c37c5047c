package org.aspskg.serve;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.web.HttpSC;

/**
 * Fuseki's SPARQL query operation, answering whole or not at all. Stock Fuseki streams a SELECT
 * answer as it is computed, so a query cut by the time limit after the first rows were sent ends as
 * a 200 with a truncated body (Fuseki appends a comment line, which a CSV or TSV reader takes for
 * data). Here every answer — rows, triples, quads or JSON objects — is computed into memory first, at
 * most {@code maxRows} of them, inside the query's time limit; only then is the first byte sent. So
 * a query that runs out of time answers 503 ("Query timed out", Fuseki's own message) and one whose
 * answer is too large answers 422 with a hint, and a 200 is always a complete answer. ASK is
 * unchanged (one boolean).
 */
final class BoundedQueryService extends SPARQL_QueryDataset {
    private final long maxRows;
    private final ServerActivity activity;
    private final long retryAfterSeconds;

    BoundedQueryService(long maxRows, ServerActivity activity, long retryAfterSeconds) {
        this.maxRows = maxRows;
        this.activity = activity;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The execution is handed to the request's {@link QueryTurns.Turn}, which aborts it when it must stop. */
    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        QueryExec exec = super.createQueryExec(action, query, dataset);
        if (action.getRequest().getAttribute(QueryTurns.TURN) instanceof QueryTurns.Turn turn) turn.attach(exec);
        return exec;
    }

    /**
     * A query stopped on its reserved turn because the server is busy is answered 503 as a busy server
     * ({@link ServerErrors}: JSON and {@code Retry-After}), not as a query that timed out; one stopped
     * because its client closed the connection is answered 400 (a client that shut only its sending side
     * still reads it); one cut by the time limit as Fuseki answers it.
     */
    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec queryExec, Query query, String queryStringLog) {
        activity.queriesRunning.incrementAndGet();
        try {
            return answer(action, queryExec, query, queryStringLog);
        } catch (QueryCancelledException e) {
            if (action.getRequest().getAttribute(QueryTurns.TURN) instanceof QueryTurns.Turn turn
                    && turn.stoppedBusy()) {
                // Fuseki writes an error's message as plain text itself; this one is written here, and
                // Fuseki is given only its status
                ServerErrors.writeBusy(
                        action.getResponse(),
                        retryAfterSeconds,
                        "the server is busy with long queries: this query ran on a short turn (every full one "
                                + "was taken) and was stopped when the turn ended or a newer query needed it");
                ServletOps.error(HttpSC.SERVICE_UNAVAILABLE_503);
            }
            if (action.getRequest().getAttribute(QueryTurns.TURN) instanceof QueryTurns.Turn turn
                    && turn.stoppedClientGone()) {
                // usually no one reads this; a client that only shut its sending side does, and learns why
                ServletOps.error(
                        HttpSC.BAD_REQUEST_400,
                        "the client closed the connection (or its sending side) while the query ran, so the query "
                                + "was stopped; keep the connection open until the answer has come");
            }
            throw e;
        } finally {
            activity.queriesRunning.decrementAndGet();
        }
    }

    private QueryExecResult answer(HttpAction action, QueryExec queryExec, Query query, String queryStringLog) {
        if (query.isSelectType()) {
            RowSet rows = queryExec.select();
            List<Binding> all = new ArrayList<>();
            collect(rows, all::add, "rows");
            return new QueryExecResult(RowSetStream.create(rows.getResultVars(), all.iterator()));
        }
        if (query.isConstructType()) {
            DatasetGraph answer = DatasetGraphFactory.create();
            collect(queryExec.constructQuads(), answer::add, "triples");
            return new QueryExecResult(answer);
        }
        if (query.isDescribeType()) {
            Graph answer = GraphFactory.createDefaultGraph();
            collect(queryExec.describeTriples(), answer::add, "triples");
            return new QueryExecResult(answer);
        }
        if (query.isJsonType()) {
            List<JsonObject> all = new ArrayList<>();
            collect(queryExec.execJsonItems(), all::add, "JSON objects");
            return new QueryExecResult(all.iterator());
        }
        return super.executeQuery(action, queryExec, query, queryStringLog);
    }

    private <T> void collect(Iterator<T> answer, Consumer<T> into, String what) {
        long n = 0;
        while (answer.hasNext()) {
            if (n++ == maxRows) {
                throw new QueryDeniedException("the answer has more than " + maxRows + " " + what
                        + ", this endpoint's limit (--max-rows): add LIMIT (and OFFSET to page through it)");
            }
            into.accept(answer.next());
        }
    }
}
