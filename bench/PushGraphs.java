// The push of build --target without the build: one store's graphs to a Graph Store endpoint, or a
// loopback endpoint that reads and discards what it is sent (to time the pushing side alone).
//
//   java -cp target/asps-kg.jar bench/PushGraphs.java push STORE URL GRAPH... [--user U --password P] [--part-size BYTES]
//   java -cp target/asps-kg.jar bench/PushGraphs.java sink PORT SERVER-HEADER     e.g. 'Apache Jena Fuseki (5.6.0)' or 'Virtuoso/07.20'
//
// push prints GraphStorePush's progress to stderr and one line per graph to stdout; sink prints, per PUT or POST,
// its framing (chunked or Content-Length), bytes, lines and seconds. Used for docs/benchmarks.md.
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public class PushGraphs {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sink")) {
            sink(Integer.parseInt(args[1]), args[2]);
        } else if (args.length > 3 && args[0].equals("push")) {
            push(args);
        } else {
            System.err.println(
                    "usage: push STORE URL GRAPH... [--user U --password P] [--part-size BYTES] | sink PORT SERVER-HEADER");
            System.exit(2);
        }
    }

    static void push(String[] args) {
        List<String> graphs = new ArrayList<>();
        String user = null;
        String password = null;
        long partBytes = 0;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--part-size")) partBytes = Long.parseLong(args[++i]);
            else if (args[i].equals("--user")) user = args[++i];
            else if (args[i].equals("--password")) password = args[++i];
            else graphs.add(args[i]);
        }
        var credentials = user == null ? null : new org.aspskg.store.GraphStorePush.Credentials(user, password);
        var push = new org.aspskg.store.GraphStorePush(args[2], credentials)
                .partBytes(partBytes)
                .progress(System.err::println);
        try (var kg = org.aspskg.store.KnowledgeGraphStore.open(Path.of(args[1]))) {
            for (var p : push.push(kg, graphs)) {
                System.out.printf(
                        Locale.ROOT,
                        "pushed <%s> %d triples, %.1f MB in %d part(s), %.1f s: %.0f triples/s%n",
                        p.graph(),
                        p.triples(),
                        p.bytes() / 1e6,
                        p.parts(),
                        p.time().toNanos() / 1e9,
                        p.triplesPerSecond());
            }
        }
    }

    static void sink(int port, String server) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/", ex -> {
            ex.getResponseHeaders().set("Server", server);
            if (ex.getRequestMethod().equals("PUT") || ex.getRequestMethod().equals("POST")) {
                long t0 = System.nanoTime();
                long bytes = 0;
                long lines = 0;
                byte[] buffer = new byte[1 << 16];
                try (InputStream in = ex.getRequestBody()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        bytes += n;
                        for (int i = 0; i < n; i++) if (buffer[i] == '\n') lines++;
                    }
                }
                String framing = ex.getRequestHeaders().getFirst("Transfer-encoding") != null
                        ? "chunked"
                        : "Content-Length " + ex.getRequestHeaders().getFirst("Content-length");
                System.out.printf(
                        Locale.ROOT,
                        "%s %s (%s): %d bytes, %d lines in %.1f s%n",
                        ex.getRequestMethod(),
                        ex.getRequestURI(),
                        framing,
                        bytes,
                        lines,
                        (System.nanoTime() - t0) / 1e9);
                System.out.flush();
                ex.sendResponseHeaders(201, -1);
            } else {
                ex.sendResponseHeaders(200, -1);
            }
            ex.close();
        });
        http.start();
        System.out.println("sink on http://127.0.0.1:" + http.getAddress().getPort() + "/ as '" + server + "'");
        System.out.flush();
    }
}
