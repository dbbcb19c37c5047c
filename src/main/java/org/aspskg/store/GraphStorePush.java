package org.aspskg.store;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.jena.atlas.io.IO;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.system.Txn;
import org.aspskg.AspsKgException;

/**
 * Copies named graphs of the local store to any SPARQL 1.1 Graph Store Protocol endpoint (Fuseki's
 * {@code /ds/data}, Virtuoso's {@code /sparql-graph-crud-auth}, …), one HTTP {@code PUT ?graph=IRI} per
 * graph, so each remote graph is replaced by exactly the local one.
 *
 * <p>Streamed, and each graph written once: a graph is never held whole in memory. Inside one read
 * transaction it is written as N-Triples either straight into the request body through a pipe, sent with
 * chunked transfer coding, or, for an endpoint that needs a Content-Length, into a spool file (in {@code
 * java.io.tmpdir}) whose size is the length, then sent from that file and deleted. Which one is decided by
 * the endpoint's {@code Server} header (one unauthenticated HEAD per push): Virtuoso 7.2 answers a chunked
 * PUT with 201 Created and stores nothing, so it gets the spool file; so does any server this class does
 * not know to read chunked bodies, since a lost graph is worse than a slower push. Progress lines go to the
 * given consumer.
 *
 * <p>A spooled graph larger than the endpoint stores from one request (Virtuoso: 2^31 - 1 bytes), or than
 * {@link #partBytes}, is spooled as several part files instead: the first goes with {@code PUT}, the
 * others with {@code POST} (a Graph Store merge), each of whole triples and with every triple naming a
 * blank node in the same part as the others naming it. After a push to Virtuoso (or to any server whose
 * {@link #queryEndpoint} is given) the remote graph's triples are counted and must be the local count.
 *
 * <p>Credentials go as HTTP Basic, or as HTTP Digest when the endpoint's 401 challenge asks for it (the
 * same HEAD finds out); use https for anything but loopback.
 */
public final class GraphStorePush {
    /** A user name and password for HTTP Basic or Digest authentication. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]"; // never the password
        }
    }

    /**
     * What one graph's push sent: triples, N-Triples bytes, the wall time of its requests (and of writing
     * the spool files before them) and how many requests it took (one PUT, then POSTs).
     */
    public record Pushed(String graph, long triples, long bytes, Duration time, int parts) {
        /** Triples per second, or 0 for an instant request. */
        public double triplesPerSecond() {
            double s = time.toNanos() / 1e9;
            return s <= 0 ? 0 : triples / s;
        }
    }

    /** How a graph's body goes: streamed with chunked transfer coding, or from a spool file with its length. */
    public enum BodyMode {
        CHUNKED,
        SPOOLED
    }

    /**
     * Servers known to store a chunked PUT body ({@code Server} header prefixes, lower case). Fuseki 5 and
     * the {@code asps-kg serve} built on it do; Virtuoso 7.2 does not (it answers 201 and stores nothing).
     */
    private static final List<String> READS_CHUNKED = List.of("apache jena fuseki");

    private static final int PIPE_BUFFER = 1 << 20;
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final String endpoint;
    private final Credentials credentials;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    private Consumer<String> progress = line -> {};
    private BodyMode mode; // null until the HEAD before the first graph has read the Server header
    private String server = ""; // the Server header the HEAD before the first graph read

    /**
     * The largest body Virtuoso stores: Virtuoso 7.2 answers a PUT whose Content-Length is above 2^31 - 1 with
     * 201 at once and stores nothing (measured with 7.20.3229 and curl: a 2.3 GB N-Triples body, 201 in 23 ms,
     * 0 triples), so a larger graph is refused here before anything is sent rather than lost there.
     */
    static final long VIRTUOSO_MAX_BODY = Integer.MAX_VALUE;

    long virtuosoMaxBody = VIRTUOSO_MAX_BODY; // lowered by a test

    /** More blank nodes open at once than this, and the writer stops looking for a place to cut. */
    static final int MAX_OPEN_BLANK_NODES = 200_000; // about 40 MB of heap

    private long partBytes; // 0: parts only as large as the endpoint stores (Virtuoso), else one body
    private String queryEndpoint; // where the pushed graphs are counted; null: Virtuoso's /sparql, or none
    private String part = ""; // " (part i of n, METHOD)" in messages while a part is sent

    /** @param credentials null for an endpoint without authentication */
    public GraphStorePush(String endpoint, Credentials credentials) {
        this.endpoint = requireHttpUrl(endpoint);
        this.credentials = credentials;
    }

    /**
     * Bodies sent with a Content-Length (Virtuoso, servers not known to read chunked bodies) go in parts of
     * at most this many bytes: the first with {@code PUT}, the others with {@code POST}. 0 (the default): as
     * large as the endpoint stores, 2,147,483,647 bytes for Virtuoso, unlimited for others.
     */
    public GraphStorePush partBytes(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("part size " + bytes);
        this.partBytes = bytes;
        return this;
    }

    /**
     * The SPARQL query endpoint where each pushed graph's triples are counted after the push (Virtuoso's
     * {@code /sparql} on the same host and port when not given); a count other than the local one fails the
     * push.
     */
    public GraphStorePush queryEndpoint(String url) {
        this.queryEndpoint = url == null ? null : requireHttpUrl(url);
        return this;
    }

    /** Where progress lines go (every 2 s during a graph, and when it is done); none by default. */
    public GraphStorePush progress(Consumer<String> lines) {
        this.progress = lines;
        return this;
    }

    public String endpoint() {
        return endpoint;
    }

    /** How the last push sent its bodies (decided from the endpoint's Server header), or null before one. */
    public BodyMode bodyMode() {
        return mode;
    }

    /** PUTs each graph (an empty one too, which empties the remote one) and returns what each sent. */
    public List<Pushed> push(KnowledgeGraphStore store, List<String> graphs) {
        DatasetGraph dsg = store.datasetGraph();
        HttpLogin login = new HttpLogin(credentials);
        List<Pushed> sent = new ArrayList<>();
        if (graphs.isEmpty()) return sent;
        preflight(login, graphs.get(0));
        for (String iri : graphs) sent.add(put(dsg, iri, login));
        return sent;
    }

    /**
     * An unauthenticated HEAD: a 401 challenge says whether the endpoint wants Digest, and the {@code
     * Server} header decides chunked or spooled bodies (read from a second, authenticated HEAD when the
     * refusal does not name the server, as an authentication layer in front of the store may not).
     */
    private void preflight(HttpLogin login, String graphIri) {
        URI uri = target(graphIri);
        HttpResponse<Void> r = send(head(uri, null), HttpResponse.BodyHandlers.discarding(), graphIri);
        String server = r.headers().firstValue("Server").orElse("");
        if (r.statusCode() == 401 && credentials != null) {
            login.challenge(r.headers());
            if (server.isBlank()) {
                HttpResponse<Void> again = send(head(uri, login), HttpResponse.BodyHandlers.discarding(), graphIri);
                server = again.headers().firstValue("Server").orElse("");
                if (again.statusCode() == 401) login.challenge(again.headers());
            }
        }
        mode = bodyMode(server);
        this.server = server.strip().toLowerCase(Locale.ROOT);
        progress.accept("pushing to " + endpoint + " (server '" + (server.isBlank() ? "not named" : server.strip())
                + "'): "
                + (mode == BodyMode.CHUNKED
                        ? "each graph streamed with chunked transfer coding"
                        : "each graph spooled to a file in " + System.getProperty("java.io.tmpdir")
                                + ", then sent with its Content-Length"));
    }

    private static HttpRequest head(URI uri, HttpLogin login) {
        HttpRequest.Builder head = HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60));
        if (login != null) login.authorization("HEAD", uri).ifPresent(a -> head.header("Authorization", a));
        return head.build();
    }

    /** Chunked only for a server known to store a chunked body; anything else gets a Content-Length. */
    static BodyMode bodyMode(String serverHeader) {
        String server = serverHeader.strip().toLowerCase(Locale.ROOT);
        return READS_CHUNKED.stream().anyMatch(server::startsWith) ? BodyMode.CHUNKED : BodyMode.SPOOLED;
    }

    private Pushed put(DatasetGraph dsg, String graphIri, HttpLogin login) {
        long start = System.nanoTime();
        if (mode == BodyMode.CHUNKED) {
            long[] written = send("PUT", graphIri, login, () -> new StreamedGraph(dsg, graphIri).publisher());
            long end = System.nanoTime();
            if (queryEndpoint != null) checkCount(graphIri, written[0], 1);
            return done(graphIri, 1, written[0], written[1], end - start);
        }
        boolean virtuoso = server.startsWith("virtuoso");
        long hardLimit = virtuoso ? virtuosoMaxBody : Long.MAX_VALUE;
        long target = partBytes > 0 ? Math.min(partBytes, hardLimit) : hardLimit;
        try (SpooledParts parts = new SpooledParts(dsg, graphIri, target, hardLimit)) {
            int n = parts.count();
            long triplesSent = 0;
            for (int i = 0; i < n; i++) {
                Path file = parts.file(i);
                long bytes = parts.bytes(i);
                part = n == 1
                        ? ""
                        : String.format(Locale.ROOT, " (part %d of %d, %s)", i + 1, n, i == 0 ? "PUT" : "POST");
                if (n > 1) {
                    progress.accept(String.format(
                            Locale.ROOT,
                            "pushing <%s>: part %d of %d (%s), %d triples, %.1f MB",
                            graphIri,
                            i + 1,
                            n,
                            i == 0 ? "PUT" : "POST",
                            parts.triples(i),
                            bytes / 1e6));
                }
                try {
                    send(i == 0 ? "PUT" : "POST", graphIri, login, () -> filePublisher(file, bytes));
                } catch (AspsKgException e) {
                    if (i == 0) throw e;
                    throw new AspsKgException(
                            String.format(
                                    Locale.ROOT,
                                    "%s; the remote graph is incomplete: it holds parts 1-%d of %d (%,d of %,d triples)",
                                    e.getMessage(),
                                    i,
                                    n,
                                    triplesSent,
                                    parts.triples()),
                            "Push again once the endpoint is back: the first part's PUT replaces the graph, so the"
                                    + " parts already sent are not doubled."
                                    + (e.hint() == null ? "" : " " + e.hint()),
                            e);
                }
                triplesSent += parts.triples(i);
            }
            part = "";
            long end = System.nanoTime();
            // counted before the graph is reported pushed: a count that differs is a failed push
            if (virtuoso || queryEndpoint != null) checkCount(graphIri, parts.triples(), n);
            return done(graphIri, n, parts.triples(), parts.bytes(), end - start);
        } finally {
            part = "";
        }
    }

    /** The graph's push as done, with a progress line; {@code nanos}: spooling and requests, not the count. */
    private Pushed done(String graphIri, int parts, long triples, long bytes, long nanos) {
        Pushed done = new Pushed(graphIri, triples, bytes, Duration.ofNanos(nanos), parts);
        progress.accept(String.format(
                Locale.ROOT,
                "pushed <%s>: %d triples, %.1f MB%s in %.1f s (%.0f triples/s)",
                graphIri,
                done.triples(),
                done.bytes() / 1e6,
                parts > 1 ? " in " + parts + " parts" : "",
                done.time().toNanos() / 1e9,
                done.triplesPerSecond()));
        return done;
    }

    /** What a body publisher for one request is made of; made once per attempt. */
    private interface Body {
        HttpRequest.BodyPublisher publisher();
    }

    /**
     * One request ({@code PUT} replaces the graph, {@code POST} adds to it), once more after a 401 with a new
     * challenge; returns what the body wrote for a streamed body, or nothing for a file.
     */
    private long[] send(String method, String graphIri, HttpLogin login, Body body) {
        URI uri = target(graphIri);
        for (int attempt = 0; ; attempt++) {
            HttpRequest.BodyPublisher publisher = body.publisher();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/n-triples; charset=utf-8")
                    .method(method, publisher);
            login.authorization(method, uri).ifPresent(a -> request.header("Authorization", a));
            HttpResponse<String> r;
            try {
                r = send(request.build(), HttpResponse.BodyHandlers.ofString(), graphIri);
            } catch (AspsKgException cut) {
                if (publisher instanceof StreamedPublisher s && s.graph.failed()) s.graph.written(); // throws why
                // an endpoint that refuses the request (no login, a wrong one, no such service) may answer and
                // close the connection while the body is still being sent, so that no answer is read: ask again
                // without a body
                int refusal = refusalWithoutBody(login, uri, graphIri);
                if (refusal > 0) throw explain(refusal, "", graphIri, null);
                throw cut;
            } finally {
                if (publisher instanceof StreamedPublisher s) s.graph.close();
            }
            if (r.statusCode() == 401 && attempt == 0 && credentials != null && login.challenge(r.headers())) {
                continue; // a stale nonce, or Digest asked only now: once more with the new challenge
            }
            if (r.statusCode() / 100 != 2) throw explain(r.statusCode(), r.body(), graphIri, null);
            return publisher instanceof StreamedPublisher s ? s.graph.written() : null;
        }
    }

    /** A part file with its size as Content-Length; an empty graph is an empty body, which empties the remote one. */
    private static HttpRequest.BodyPublisher filePublisher(Path file, long bytes) {
        if (bytes == 0) return HttpRequest.BodyPublishers.noBody();
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException(file + " was deleted during the push", e);
        }
    }

    /**
     * Counts the graph's triples on the target's SPARQL endpoint after the push and fails unless the count is
     * the local one: a push whose requests were all answered 2xx can still have stored less (Virtuoso 7.2
     * answers 201 to a body it drops).
     */
    private void checkCount(String graphIri, long local, int parts) {
        String query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graphIri + "> { ?s ?p ?o } }";
        String sparql = queryEndpoint != null
                ? queryEndpoint
                : URI.create(endpoint).resolve("/sparql").toString();
        long remote;
        try (QueryExecHTTP qe = QueryExecHTTP.service(sparql).query(query).build()) {
            var rows = qe.select();
            Node n = rows.hasNext() ? rows.next().get("n") : null;
            if (n == null || !n.isLiteral()) throw new IllegalStateException("no count in the answer");
            remote = Long.parseLong(n.getLiteralLexicalForm());
        } catch (RuntimeException e) {
            throw new AspsKgException(
                    "pushing <" + graphIri + "> to " + endpoint + ": every request was accepted, but counting the"
                            + " remote graph on " + sparql + " failed (" + e.getMessage() + "); the push is not"
                            + " confirmed",
                    "Check that the endpoint's SPARQL query service answers at " + sparql
                            + ", or name it with --query-endpoint.",
                    e);
        }
        if (remote != local) {
            throw new AspsKgException(
                    String.format(
                            Locale.ROOT,
                            "pushing <%s> to %s: every request was accepted (%d %s), but %s counts %,d triples in"
                                    + " the remote graph where the local one has %,d; the remote graph is not the"
                                    + " local one",
                            graphIri,
                            endpoint,
                            parts,
                            parts == 1 ? "request" : "parts",
                            sparql,
                            remote,
                            local),
                    "See the endpoint's log; for Virtuoso a body above its limit is answered 201 and dropped"
                            + " (lower --part-size).");
        }
        progress.accept(
                String.format(Locale.ROOT, "checked <%s>: %s counts %,d triples, as local", graphIri, sparql, remote));
    }

    /** Whether an authenticated HEAD (no body) to {@code uri} is refused with 401. */
    /**
     * After a connection broke unanswered: 401 when a body-less request to the graph is refused the login
     * (none given, or a wrong one), 404 when there is no service at the endpoint's own URL (asked without a
     * graph, so that a graph not yet there does not count), otherwise 0 (the break stands as it is).
     */
    private int refusalWithoutBody(HttpLogin login, URI uri, String graphIri) {
        try {
            if (send(head(uri, login), HttpResponse.BodyHandlers.discarding(), graphIri)
                            .statusCode()
                    == 401) {
                return 401;
            }
            int service = send(head(URI.create(endpoint), login), HttpResponse.BodyHandlers.discarding(), graphIri)
                    .statusCode();
            return service == 404 ? 404 : 0;
        } catch (AspsKgException | IllegalArgumentException e) {
            return 0;
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

    /** The progress line of a graph being written, at most every {@code PROGRESS_EVERY_NANOS}. */
    private final class Ticker {
        private final String graphIri;
        private final long begin = System.nanoTime();
        private long last = begin;

        Ticker(String graphIri) {
            this.graphIri = graphIri;
        }

        /** After {@code triples} triples and {@code bytes} bytes written; looks at the clock every 16,384 triples. */
        void written(long triples, long bytes) {
            if ((triples & 0x3FFF) != 0 || System.nanoTime() - last <= PROGRESS_EVERY_NANOS) return;
            last = System.nanoTime();
            progress.accept(String.format(
                    Locale.ROOT,
                    "pushing <%s>: %d triples written, %.1f MB, %.1f s",
                    graphIri,
                    triples,
                    bytes / 1e6,
                    (last - begin) / 1e9));
        }
    }

    /** Writes a graph's triples as N-Triples, with a progress line every 2 s; returns the triples written. */
    private long write(DatasetGraph dsg, String graphIri, CountingStream out) {
        StreamRDF stream = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
        stream.start();
        long n = 0;
        Ticker ticker = new Ticker(graphIri);
        Iterator<Quad> it = dsg.find(NodeFactory.createURI(graphIri), Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            stream.triple(it.next().asTriple());
            ticker.written(++n, out.bytes);
        }
        stream.finish();
        return n;
    }

    /**
     * One graph as a chunked request body, written once by a thread of its own inside one read transaction
     * (TDB2 transactions belong to a thread) through a pipe that the HTTP client reads.
     */
    private final class StreamedGraph {
        private final InputStream in;
        private final CompletableFuture<long[]> written = new CompletableFuture<>();
        private final String graphIri;

        StreamedGraph(DatasetGraph dsg, String graphIri) {
            this.graphIri = graphIri;
            // an OS pipe, not PipedInputStream: that one refuses writes ("Read end dead") once the thread
            // that last read it has ended, and the HTTP client reads from pooled threads
            Pipe pipe;
            try {
                pipe = Pipe.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            in = Channels.newInputStream(pipe.source());
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(pipe.sink()), PIPE_BUFFER);
            Thread writer = new Thread(
                    () -> {
                        try {
                            Txn.executeRead(dsg, () -> {
                                CountingStream body = new CountingStream(out);
                                long triples = write(dsg, graphIri, body);
                                IO.close(out);
                                written.complete(new long[] {triples, body.bytes});
                            });
                        } catch (RuntimeException e) {
                            written.completeExceptionally(e);
                            IO.close(out);
                        }
                    },
                    "asps-kg-push");
            writer.setDaemon(true);
            writer.start();
        }

        /**
         * No length: the HTTP client sends the body with chunked transfer coding. If the writer fails, the
         * body ends in an error rather than an end of stream, so the request is aborted before its last
         * chunk and the endpoint stores nothing of a graph cut short.
         */
        StreamedPublisher publisher() {
            return new StreamedPublisher(
                    this, HttpRequest.BodyPublishers.ofInputStream(() -> new FilterInputStream(in) {
                        @Override
                        public int read() throws IOException {
                            int b = super.read();
                            if (b < 0) failIfCut();
                            return b;
                        }

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            int n = super.read(b, off, len);
                            if (n < 0) failIfCut();
                            return n;
                        }
                    }));
        }

        boolean failed() {
            return written.isCompletedExceptionally();
        }

        /** The writer completes its result (exceptionally on failure) before it closes the pipe. */
        private void failIfCut() throws IOException {
            if (written.isCompletedExceptionally()) {
                throw new IOException("writing <" + graphIri + "> as N-Triples failed; the request is aborted");
            }
        }

        /** Triples and bytes written, once the whole body has gone. */
        long[] written() {
            return result(written, graphIri);
        }

        void close() {
            IO.close(in);
        }
    }

    /** A streamed graph's body publisher, kept with the graph so a failed writer can say why. */
    private static final class StreamedPublisher implements HttpRequest.BodyPublisher {
        final StreamedGraph graph;
        private final HttpRequest.BodyPublisher inner;

        StreamedPublisher(StreamedGraph graph, HttpRequest.BodyPublisher inner) {
            this.graph = graph;
            this.inner = inner;
        }

        @Override
        public long contentLength() {
            return inner.contentLength();
        }

        @Override
        public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
            inner.subscribe(subscriber);
        }
    }

    /**
     * One graph written once, inside one read transaction, as N-Triples to part files of at most {@code
     * target} bytes each, each then sent with its size. A part holds whole triples, and every triple that
     * names a blank node is in the same part as every other triple naming it: Graph Store requests are
     * separate documents, so a blank node written into two of them would become two nodes. The writer knows
     * how many triples name each blank node it has met (two index look-ups when it first meets it) and cuts
     * only where no blank node is left open; the graph is read in subject order, so a case's blank nodes
     * close within a few triples of opening. A part is larger than {@code target} only when a group of
     * triples joined by blank nodes is; a group larger than {@code hardLimit}, or more than {@value
     * #MAX_OPEN_BLANK_NODES} blank nodes open at once where a cut is needed, is refused before anything is
     * sent.
     */
    private final class SpooledParts implements AutoCloseable {
        private final List<Path> files = new ArrayList<>();
        private final List<long[]> sizes = new ArrayList<>(); // triples, bytes of each finished part
        private final String graphIri;
        private final long target;
        private final long hardLimit;
        // the part being written
        private FileChannel channel;
        private OutputStream out;
        private long bytes;
        private long triples;
        private long safeBytes; // the last place in this part (> 0) where no blank node was open, or 0
        private long safeTriples;
        // blank nodes met and not yet closed: how many of the triples naming each are still to come
        private final Map<Node, long[]> open = new HashMap<>();
        private boolean untracked; // too many blank nodes open at once: no safe place from there on

        SpooledParts(DatasetGraph dsg, String graphIri, long target, long hardLimit) {
            this.graphIri = graphIri;
            this.target = target;
            this.hardLimit = hardLimit;
            try {
                newPart();
                Txn.executeRead(dsg, () -> write(dsg));
                finishPart();
            } catch (IOException | UncheckedIOException e) {
                close();
                throw new AspsKgException(
                        "pushing <" + graphIri + ">: cannot write the spool file in "
                                + System.getProperty("java.io.tmpdir") + " (" + e.getMessage() + ")",
                        "Free disk space there (the graph as N-Triples needs room), or give the JVM another"
                                + " directory: java -Djava.io.tmpdir=DIR -jar ….",
                        e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private void write(DatasetGraph dsg) {
            Node g = NodeFactory.createURI(graphIri);
            long n = 0;
            Ticker ticker = new Ticker(graphIri);
            Iterator<Quad> it = dsg.find(g, Node.ANY, Node.ANY, Node.ANY);
            try {
                while (it.hasNext()) {
                    Triple t = it.next().asTriple();
                    if (!untracked && open.isEmpty() && bytes > 0) {
                        safeBytes = bytes;
                        safeTriples = triples;
                    }
                    byte[] line = (NodeFmtLib.strNT(t) + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(line);
                    bytes += line.length;
                    triples++;
                    if (!untracked) track(dsg, g, t);
                    if (bytes > target && safeBytes > 0) cut();
                    if (bytes > hardLimit) refuse();
                    n++;
                    if ((n & 0x3FFF) == 0)
                        ticker.written(n, sizes.stream().mapToLong(s -> s[1]).sum() + bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Counts down the triples still to come of each blank node of {@code t}. */
        private void track(DatasetGraph dsg, Node g, Triple t) {
            Node s = t.getSubject();
            Node o = t.getObject();
            if (s.isBlank()) countDown(dsg, g, s);
            if (o.isBlank() && !o.equals(s)) countDown(dsg, g, o);
            if (open.size() > MAX_OPEN_BLANK_NODES) {
                open.clear();
                untracked = true;
            }
        }

        private void countDown(DatasetGraph dsg, Node g, Node b) {
            long[] left = open.get(b);
            if (left == null) {
                // the triples naming b: as subject, as object, less those naming it as both
                long n = count(dsg.find(g, Node.ANY, Node.ANY, b));
                for (Iterator<Quad> it = dsg.find(g, b, Node.ANY, Node.ANY); it.hasNext(); ) {
                    if (!it.next().getObject().equals(b)) n++;
                }
                left = new long[] {n};
                open.put(b, left);
            }
            if (--left[0] <= 0) open.remove(b);
        }

        private static long count(Iterator<Quad> it) {
            long n = 0;
            for (; it.hasNext(); it.next()) n++;
            return n;
        }

        /** Ends the part at the last safe place; what was written after it starts the next part. */
        private void cut() throws IOException {
            out.flush();
            FileChannel previous = channel;
            long tail = bytes - safeBytes;
            long tailTriples = triples - safeTriples;
            bytes = safeBytes;
            triples = safeTriples;
            Path from = files.get(files.size() - 1);
            sizes.add(new long[] {triples, bytes});
            newPart();
            for (long pos = safeBytes, end = safeBytes + tail; pos < end; ) {
                pos += previous.transferTo(pos, end - pos, channel);
            }
            previous.truncate(safeBytes);
            previous.close();
            if (Files.size(from) != sizes.get(sizes.size() - 1)[1]) {
                throw new IOException(from + " is not the size written");
            }
            bytes = tail;
            triples = tailTriples;
            safeBytes = 0;
            safeTriples = 0;
        }

        private void refuse() {
            String why = untracked
                    ? String.format(
                            Locale.ROOT,
                            "more than %,d blank nodes were open at once, so no place to cut it was found",
                            MAX_OPEN_BLANK_NODES)
                    : "its triples joined by blank nodes make a group larger than that, which cannot be split"
                            + " (a blank node sent in two requests would become two nodes)";
            throw new AspsKgException(
                    String.format(
                            Locale.ROOT,
                            "pushing <%s> to %s: the graph cannot be sent in parts of at most %,d bytes, the"
                                    + " most %s stores from one request: %s; nothing of this graph was sent",
                            graphIri,
                            endpoint,
                            hardLimit,
                            server.isBlank() ? "the endpoint" : "Virtuoso",
                            why),
                    "Load a graph like this with Virtuoso's bulk loader (ld_dir, rdf_loader_run) from an"
                            + " N-Triples dump, or push it to a server that reads chunked bodies (Fuseki).");
        }

        private void newPart() throws IOException {
            Path file = Files.createTempFile("asps-kg-push-", ".nt");
            files.add(file);
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
            out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
        }

        private void finishPart() throws IOException {
            out.flush();
            channel.close();
            sizes.add(new long[] {triples, bytes});
        }

        int count() {
            return sizes.size();
        }

        Path file(int i) {
            return files.get(i);
        }

        long bytes(int i) {
            return sizes.get(i)[1];
        }

        long triples(int i) {
            return sizes.get(i)[0];
        }

        long triples() {
            return sizes.stream().mapToLong(s -> s[0]).sum();
        }

        long bytes() {
            return sizes.stream().mapToLong(s -> s[1]).sum();
        }

        /** Deletes the part files. */
        @Override
        public void close() {
            try {
                if (channel != null) channel.close();
            } catch (IOException e) {
                // deleted below all the same
            }
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // left in java.io.tmpdir; nothing else depends on it
                }
            }
        }
    }

    private <T> T result(CompletableFuture<T> f, String graphIri) {
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
        String where = "pushing <" + graphIri + ">" + part + " to " + endpoint;
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
            if (cause instanceof ConnectException || cause instanceof java.net.http.HttpConnectTimeoutException) {
                return new AspsKgException(
                        where + ": cannot connect (" + root + ")",
                        "Check the URL and that the endpoint is running.",
                        cause);
            }
            return new AspsKgException(
                    where + ": the connection broke before the endpoint answered (" + root + ")",
                    "See the endpoint's log; check that it is running and has room for the graph.",
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
