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
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Streamed, and each graph written once: a graph is never held whole in memory. Inside one read
 * transaction it is written as N-Triples either straight into the request body through a pipe, sent with
 * chunked transfer coding, or, for an endpoint that needs a Content-Length, into a spool file (in {@code
 * java.io.tmpdir}) whose size is the length, then sent from that file and deleted. Which one is decided by
 * the endpoint's {@code Server} header (one unauthenticated HEAD per push): Virtuoso 7.2 answers a chunked
 * PUT with 201 Created and stores nothing, so it gets the spool file; so does any server this class does
 * not know to read chunked bodies, since a lost graph is worse than a slower push. Progress lines go to the
 * given consumer.
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

    /** What one graph's PUT sent: triples, N-Triples bytes and the wall time of the request. */
    public record Pushed(String graph, long triples, long bytes, Duration time) {
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
        URI uri = target(graphIri);
        long start = System.nanoTime();
        SpooledGraph spool = mode == BodyMode.SPOOLED ? new SpooledGraph(dsg, graphIri) : null;
        try {
            if (spool != null && server.startsWith("virtuoso") && spool.written()[1] > virtuosoMaxBody) {
                throw new AspsKgException(
                        String.format(
                                Locale.ROOT,
                                "pushing <%s> to %s: the graph is %,d bytes as N-Triples, more than the %,d bytes"
                                        + " Virtuoso stores from one request (it answers 201 to a larger body and"
                                        + " stores nothing); nothing of this graph was sent",
                                graphIri,
                                endpoint,
                                spool.written()[1],
                                virtuosoMaxBody),
                        "Load a graph this large with Virtuoso's bulk loader (ld_dir, rdf_loader_run) from an"
                                + " N-Triples dump, or push it to a server that reads chunked bodies (Fuseki).");
            }
            for (int attempt = 0; ; attempt++) {
                StreamedGraph stream = spool == null ? new StreamedGraph(dsg, graphIri) : null;
                HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/n-triples; charset=utf-8")
                        .PUT(spool != null ? spool.publisher() : stream.publisher());
                login.authorization("PUT", uri).ifPresent(a -> request.header("Authorization", a));
                HttpResponse<String> r;
                try {
                    r = send(request.build(), HttpResponse.BodyHandlers.ofString(), graphIri);
                } catch (AspsKgException cut) {
                    if (stream != null && stream.failed()) stream.written(); // throws why the body was cut
                    // an endpoint that refuses the login may answer 401 and close the connection while the
                    // body is still being sent, so that no answer is read: ask again without a body
                    if (credentials != null && refusesLogin(login, uri, graphIri))
                        throw explain(401, "", graphIri, null);
                    throw cut;
                } finally {
                    if (stream != null) stream.close();
                }
                if (r.statusCode() == 401 && attempt == 0 && credentials != null && login.challenge(r.headers())) {
                    continue; // a stale nonce, or Digest asked only now: once more with the new challenge
                }
                if (r.statusCode() / 100 != 2) throw explain(r.statusCode(), r.body(), graphIri, null);
                long[] written = spool != null ? spool.written() : stream.written();
                Pushed done = new Pushed(graphIri, written[0], written[1], Duration.ofNanos(System.nanoTime() - start));
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
        } finally {
            if (spool != null) spool.delete();
        }
    }

    /** Whether an authenticated HEAD (no body) to {@code uri} is refused with 401. */
    private boolean refusesLogin(HttpLogin login, URI uri, String graphIri) {
        try {
            return send(head(uri, login), HttpResponse.BodyHandlers.discarding(), graphIri)
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

    /** Writes a graph's triples as N-Triples, with a progress line every 2 s; returns the triples written. */
    private long write(DatasetGraph dsg, String graphIri, CountingStream out) {
        StreamRDF stream = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
        stream.start();
        long n = 0;
        long last = System.nanoTime();
        long begin = last;
        Iterator<Quad> it = dsg.find(NodeFactory.createURI(graphIri), Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            stream.triple(it.next().asTriple());
            n++;
            if ((n & 0x3FFF) == 0 && System.nanoTime() - last > PROGRESS_EVERY_NANOS) {
                last = System.nanoTime();
                progress.accept(String.format(
                        Locale.ROOT,
                        "pushing <%s>: %d triples written, %.1f MB, %.1f s",
                        graphIri,
                        n,
                        out.bytes / 1e6,
                        (last - begin) / 1e9));
            }
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
        HttpRequest.BodyPublisher publisher() {
            return HttpRequest.BodyPublishers.ofInputStream(() -> new FilterInputStream(in) {
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
            });
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

    /** One graph written once, inside one read transaction, to a spool file that is then sent with its size. */
    private final class SpooledGraph {
        private final Path file;
        private final long[] written;

        SpooledGraph(DatasetGraph dsg, String graphIri) {
            try {
                file = Files.createTempFile("asps-kg-push-", ".nt");
            } catch (IOException e) {
                throw new AspsKgException(
                        "pushing <" + graphIri + ">: cannot create a spool file in "
                                + System.getProperty("java.io.tmpdir") + " (" + e.getMessage() + ")",
                        "Give the JVM a writable directory with room for the graph as N-Triples: "
                                + "java -Djava.io.tmpdir=DIR -jar ….",
                        e);
            }
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                CountingStream out = new CountingStream(os);
                long triples = Txn.calculateRead(dsg, () -> write(dsg, graphIri, out));
                out.flush();
                written = new long[] {triples, out.bytes};
            } catch (IOException | RuntimeException e) {
                delete();
                if (e instanceof AspsKgException a) throw a;
                throw new AspsKgException(
                        "pushing <" + graphIri + ">: cannot write the spool file " + file + " (" + e.getMessage() + ")",
                        "Free disk space there, or give the JVM another directory: java -Djava.io.tmpdir=DIR -jar ….",
                        e);
            }
        }

        /** The file, with its size as Content-Length; an empty graph is an empty body, which empties the remote one. */
        HttpRequest.BodyPublisher publisher() {
            if (written[1] == 0) return HttpRequest.BodyPublishers.noBody();
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (FileNotFoundException e) {
                throw new IllegalStateException(file + " was deleted during the push", e);
            }
        }

        long[] written() {
            return written;
        }

        void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left in java.io.tmpdir; nothing else depends on it
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
