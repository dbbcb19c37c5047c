package org.aspskg.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.jena.atlas.io.IO;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;

/**
 * Copies named graphs of the local store to any SPARQL 1.1 Graph Store Protocol endpoint (Fuseki's
 * {@code /ds/data}, Virtuoso's {@code /sparql-graph-crud-auth}, …), one HTTP {@code PUT ?graph=IRI} per
 * graph, so each remote graph is replaced by exactly the local one.
 *
 * <p>Streamed: a graph is never held whole in memory. Inside one read transaction the graph is written
 * as N-Triples twice, first only to count its bytes, then into the request body through a pipe; the
 * request carries that Content-Length rather than chunked transfer coding, because Virtuoso 7.2
 * answers a chunked PUT with 201 Created and stores nothing. Progress lines go to the given consumer.
 *
 * <p>Credentials go as HTTP Basic, or as HTTP Digest when the endpoint's 401 challenge asks for it
 * (one unauthenticated HEAD per push finds out); use https for anything but loopback.
 */
public final class GraphStorePush {
    /** A user name and password for HTTP Basic or Digest authentication. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]"; // never the password
        }
    }

    /** What one graph's PUT sent: triples, N-Triples bytes and the wall time of the request. */
    public record Pushed(String graph, long triples, long bytes, Duration time) {
        /** Triples per second, or 0 for an instant request. */
        public double triplesPerSecond() {
            double s = time.toNanos() / 1e9;
            return s <= 0 ? 0 : triples / s;
        }
    }

    private static final int PIPE_BUFFER = 1 << 20;
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final String endpoint;
    private final Credentials credentials;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    private Consumer<String> progress = line -> {};

    /** @param credentials null for an endpoint without authentication */
    public GraphStorePush(String endpoint, Credentials credentials) {
        this.endpoint = requireHttpUrl(endpoint);
        this.credentials = credentials;
    }

    /** Where progress lines go (every 2 s during a graph, and when it is done); none by default. */
    public GraphStorePush progress(Consumer<String> lines) {
        this.progress = lines;
        return this;
    }

    public String endpoint() {
        return endpoint;
    }

    /** PUTs each graph (an empty one too, which empties the remote graph) and returns what each sent. */
    public List<Pushed> push(KnowledgeGraphStore store, List<String> graphs) {
        DatasetGraph dsg = store.datasetGraph();
        HttpLogin login = new HttpLogin(credentials);
        if (credentials != null && !graphs.isEmpty()) preflight(login, graphs.get(0));
        List<Pushed> sent = new ArrayList<>();
        for (String iri : graphs) sent.add(put(dsg, iri, login));
        return sent;
    }

    /** An unauthenticated HEAD, to learn from a 401 challenge whether the endpoint wants Digest. */
    private void preflight(HttpLogin login, String graphIri) {
        URI uri = target(graphIri);
        HttpRequest head = HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<Void> r = send(head, HttpResponse.BodyHandlers.discarding(), graphIri);
        if (r.statusCode() == 401) login.challenge(r.headers());
    }

    private Pushed put(DatasetGraph dsg, String graphIri, HttpLogin login) {
        URI uri = target(graphIri);
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            StreamedGraph body = new StreamedGraph(dsg, graphIri);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/n-triples; charset=utf-8")
                    .PUT(
                            body.length() == 0
                                    ? HttpRequest.BodyPublishers.noBody() // an empty graph empties the remote one
                                    : HttpRequest.BodyPublishers.fromPublisher(
                                            HttpRequest.BodyPublishers.ofInputStream(() -> body.in), body.length()));
            login.authorization("PUT", uri).ifPresent(a -> request.header("Authorization", a));
            HttpResponse<String> r;
            try {
                r = send(request.build(), HttpResponse.BodyHandlers.ofString(), graphIri);
            } catch (AspsKgException cut) {
                // an endpoint that refuses the login may answer 401 and close the connection while the
                // body is still being sent, so that no answer is read: ask again without a body
                if (credentials != null && refusesLogin(login, uri, graphIri)) throw explain(401, "", graphIri, null);
                throw cut;
            } finally {
                body.close();
            }
            if (r.statusCode() == 401 && attempt == 0 && credentials != null && login.challenge(r.headers())) {
                continue; // a stale nonce, or Digest asked only now: once more with the new challenge
            }
            if (r.statusCode() / 100 != 2) throw explain(r.statusCode(), r.body(), graphIri, null);
            body.checkComplete();
            Pushed done =
                    new Pushed(graphIri, body.triples(), body.length(), Duration.ofNanos(System.nanoTime() - start));
            progress.accept(String.format(
                    Locale.ROOT,
                    "pushed <%s>: %d triples, %.1f MB in %.1f s (%.0f triples/s)",
                    graphIri,
                    done.triples(),
                    done.bytes() / 1e6,
                    done.time().toNanos() / 1e9,
                    done.triplesPerSecond()));
            return done;
        }
    }

    /** Whether an authenticated HEAD (no body) to {@code uri} is refused with 401. */
    private boolean refusesLogin(HttpLogin login, URI uri, String graphIri) {
        HttpRequest.Builder head = HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60));
        login.authorization("HEAD", uri).ifPresent(a -> head.header("Authorization", a));
        try {
            return send(head.build(), HttpResponse.BodyHandlers.discarding(), graphIri)
                            .statusCode()
                    == 401;
        } catch (AspsKgException e) {
            return false;
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String graphIri) {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AspsKgException("pushing <" + graphIri + "> to " + endpoint + ": interrupted", null, e);
        } catch (IOException e) {
            throw explain(-1, "", graphIri, e);
        }
    }

    /**
     * One graph as an N-Triples request body, written by a thread of its own inside one read transaction
     * (TDB2 transactions belong to a thread): first counted, then streamed through a pipe.
     */
    private final class StreamedGraph {
        private final PipedInputStream in = new PipedInputStream(PIPE_BUFFER);
        private final CompletableFuture<long[]> counted = new CompletableFuture<>();
        private final CompletableFuture<Long> written = new CompletableFuture<>();
        private final String graphIri;

        StreamedGraph(DatasetGraph dsg, String graphIri) {
            this.graphIri = graphIri;
            PipedOutputStream out;
            try {
                out = new PipedOutputStream(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread writer = new Thread(
                    () -> {
                        try {
                            Txn.executeRead(dsg, () -> {
                                Node g = NodeFactory.createURI(graphIri);
                                CountingStream count = new CountingStream(OutputStream.nullOutputStream());
                                long triples = write(dsg, g, count, null);
                                counted.complete(new long[] {triples, count.bytes});
                                CountingStream pipe = new CountingStream(out);
                                write(dsg, g, pipe, triples);
                                IO.close(out);
                                written.complete(pipe.bytes);
                            });
                        } catch (RuntimeException e) {
                            counted.completeExceptionally(e);
                            written.completeExceptionally(e);
                            IO.close(out);
                        }
                    },
                    "asps-kg-push");
            writer.setDaemon(true);
            writer.start();
        }

        /** Writes the graph's triples as N-Triples; with {@code total}, reports progress every 2 s. */
        private long write(DatasetGraph dsg, Node g, OutputStream out, Long total) {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
            stream.start();
            long n = 0;
            long last = System.nanoTime();
            long begin = last;
            Iterator<Quad> it = dsg.find(g, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                stream.triple(it.next().asTriple());
                n++;
                if (total != null && (n & 0x3FFF) == 0 && System.nanoTime() - last > PROGRESS_EVERY_NANOS) {
                    last = System.nanoTime();
                    progress.accept(String.format(
                            Locale.ROOT,
                            "pushing <%s>: %d of %d triples, %.1f s",
                            graphIri,
                            n,
                            total,
                            (last - begin) / 1e9));
                }
            }
            stream.finish();
            return n;
        }

        long length() {
            return result(counted)[1];
        }

        long triples() {
            return result(counted)[0];
        }

        /** The body written has the length announced (the same transaction wrote both passes). */
        void checkComplete() {
            long bytes = result(written);
            if (bytes != length()) {
                throw new AspsKgException(
                        "pushing <" + graphIri + "> to " + endpoint + ": wrote " + bytes + " bytes, announced "
                                + length(),
                        "Report this: the two passes over the graph differed.");
            }
        }

        void close() {
            IO.close(in);
        }

        private <T> T result(CompletableFuture<T> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AspsKgException("pushing <" + graphIri + ">: interrupted", null, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                throw new IllegalStateException(cause);
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long bytes;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    private URI target(String graphIri) {
        String sep = endpoint.contains("?") ? "&" : "?";
        return URI.create(endpoint + sep + "graph=" + URLEncoder.encode(graphIri, StandardCharsets.UTF_8));
    }

    private AspsKgException explain(int status, String body, String graphIri, IOException cause) {
        String where = "pushing <" + graphIri + "> to " + endpoint;
        if (status == 401) {
            return new AspsKgException(
                    where + ": the endpoint refused the credentials (HTTP 401 Unauthorized)",
                    credentials == null
                            ? "The endpoint needs a login: pass --user and --password."
                            : "Check --user and --password for this endpoint (HTTP Basic or Digest authentication).");
        }
        if (status == 403) {
            return new AspsKgException(
                    where + ": user '" + (credentials == null ? "(anonymous)" : credentials.user())
                            + "' may not write there (HTTP 403 Forbidden)",
                    "Ask the endpoint's administrator for write access.");
        }
        if (status == 404 || status == 405) {
            return new AspsKgException(
                    where + ": no writable Graph Store Protocol service at that URL (HTTP " + status + ")",
                    "Give the endpoint's GSP URL, e.g. http://host:3030/ds/data for a Fuseki dataset /ds with updates "
                            + "enabled, or http://host:8890/sparql-graph-crud-auth for Virtuoso.");
        }
        if (cause != null) {
            Throwable root = cause instanceof ConnectException || cause.getCause() == null ? cause : cause.getCause();
            return new AspsKgException(
                    where + ": cannot connect (" + root + ")",
                    "Check the URL and that the endpoint is running.",
                    cause);
        }
        String reason = body == null ? "" : body.strip();
        if (reason.length() > 300) reason = reason.substring(0, 300) + "…";
        return new AspsKgException(
                where + ": HTTP " + status + (reason.isEmpty() ? "" : ": " + reason),
                "See the endpoint's log for the reason.");
    }

    private static String requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null
                    && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new AspsKgException(
                "not an http(s) URL: '" + url + "'",
                "Give the Graph Store Protocol endpoint, e.g. http://127.0.0.1:3030/ds/data.");
    }
}
