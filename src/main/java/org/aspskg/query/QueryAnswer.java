package org.aspskg.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/**
 * A query's whole answer held in memory, independent of the store or connection it came from: a
 * result table (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE).
 */
public sealed interface QueryAnswer {

    /** A SELECT answer: the result variables in order and the rows in the order received. */
    record Table(List<Var> vars, List<Binding> rows) implements QueryAnswer {
        public Table {
            vars = List.copyOf(vars);
            rows = List.copyOf(rows);
        }

        /** Reads a whole result set, detaching each row from the store it came from. */
        public static Table of(ResultSet rs) {
            List<Var> vars = Var.varList(rs.getResultVars());
            List<Binding> rows = new ArrayList<>();
            while (rs.hasNext()) rows.add(rs.nextBinding().detach());
            return new Table(vars, rows);
        }

        /** A fresh row set over this table (for Jena's result set comparison and writers). */
        public RowSet rowSet() {
            return RowSetStream.create(vars, rows.iterator());
        }
    }

    /** An ASK answer. */
    record Bool(boolean value) implements QueryAnswer {}

    /** A CONSTRUCT or DESCRIBE answer. */
    record Graph(Model model) implements QueryAnswer {}

    /** Executes {@code query} on {@code qe} (local or remote) and reads the whole answer; closes {@code qe}. */
    static QueryAnswer execute(QueryExecution qe, Query query) {
        try (qe) {
            if (query.isSelectType()) return Table.of(qe.execSelect());
            if (query.isAskType()) return new Bool(qe.execAsk());
            if (query.isConstructType()) return new Graph(qe.execConstruct());
            if (query.isDescribeType()) return new Graph(qe.execDescribe());
            throw new IllegalArgumentException("not a query form asps-kg runs: " + query.queryType());
        }
    }

    /** Executes {@code query} over HTTP at a SPARQL endpoint, e.g. {@code http://127.0.0.1:3030/asps/sparql}. */
    static QueryAnswer fromEndpoint(String endpoint, Query query) {
        return execute(QueryExecutionHTTP.service(endpoint).query(query).build(), query);
    }
}
