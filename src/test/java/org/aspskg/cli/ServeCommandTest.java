package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asps-kg serve}'s write and exposure options: writes need both --allow-writes and a password
 * file, and binding beyond loopback warns about what it exposes. (Serving itself is tested over HTTP
 * in org.aspskg.serve and, from the jar, in ServeJarIT; the warning also from a child JVM here.)
 */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void allowWritesWithoutAPasswordFileIsRefusedBeforeAnythingStarts() {
        CliRun r =
                CliRun.of("serve", "--port", "0", "--store", tmp.resolve("tdb2").toString(), "--allow-writes");
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().startsWith("error: --allow-writes needs --password-file"), r.err());
        assertTrue(Files.notExists(tmp.resolve("tdb2")), "no store was built");
    }

    @Test
    void aPasswordFileWithoutAllowWritesIsRefused() throws Exception {
        Path passwords = Files.writeString(tmp.resolve("passwd"), "editor: pw\n");
        CliRun r = CliRun.of("serve", "--port", "0", "--password-file", passwords.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("--password-file is only used with --allow-writes"), r.err());
        CliRun missing = CliRun.of(
                "serve",
                "--port",
                "0",
                "--allow-writes",
                "--password-file",
                tmp.resolve("none").toString());
        assertEquals(Main.EXIT_USER_ERROR, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        CliRun scheme = CliRun.of(
                "serve", "--port", "0", "--allow-writes", "--password-file", passwords.toString(), "--auth", "bearer");
        assertEquals(Main.EXIT_USER_ERROR, scheme.exit());
        assertTrue(scheme.err().contains("--auth bearer is not basic or digest"), scheme.err());
    }

    @Test
    void bindingBeyondLoopbackNamesWhatItExposes() throws Exception {
        KnowledgeGraphServer.Builder local =
                KnowledgeGraphServer.create(DatasetGraphFactory.create()).port(3030);
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertTrue(local.host(host).exposure().isEmpty(), host);
        }
        String readOnly = local.host("0.0.0.0").exposure().orElseThrow();
        assertEquals(
                "--host 0.0.0.0 serves /asps/sparql, /asps/query and /asps (SPARQL query), /asps/get (every graph, "
                        + "cases included) to anyone who can reach 0.0.0.0:3030, without TLS; the server is read-only",
                readOnly);
        Path passwords = Files.writeString(tmp.resolve("passwd"), "editor: pw\n");
        String writable = local.writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.BASIC))
                .exposure()
                .orElseThrow();
        assertTrue(
                writable.endsWith("writes (/asps/update, /asps/data, /asps/ddx?store=true) need a login, and HTTP "
                        + "Basic sends the password in clear text: use --auth digest or a TLS proxy"),
                writable);
    }

    /**
     * End to end: {@code asps-kg serve --host 0.0.0.0} in a child JVM prints the warning on stderr
     * before it starts serving, naming the ranking endpoints the command adds, and then serves.
     */
    @Test
    void serveOnAllInterfacesPrintsTheWarningWithTheChosenPortBeforeItServes() throws Exception {
        Path store = TestStores.copyOfShared(tmp.resolve("tdb2"));
        try (Stream<Path> files = Files.walk(store)) {
            // the copy's lock names this JVM, which holds the original open: the child would see it in use
            for (Path lock : files.filter(f -> f.getFileName().toString().equals("tdb.lock"))
                    .toList()) Files.delete(lock);
        }
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.aspskg.cli.Main",
                        "serve",
                        "--host",
                        "0.0.0.0",
                        "--port",
                        "0",
                        "--store",
                        store.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String serving = null;
            for (String line; serving == null && (line = err.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("asps-kg: serving ")) serving = line;
            }
            assertTrue(serving != null, "serve ended without serving: " + lines);
            List<String> warnings = lines.stream()
                    .filter(l -> l.startsWith("asps-kg: WARNING: "))
                    .toList();
            assertEquals(1, warnings.size(), lines.toString());
            String warning = warnings.get(0);
            assertTrue(lines.indexOf(warning) < lines.indexOf(serving), "warned before serving: " + lines);
            assertTrue(
                    warning.startsWith("asps-kg: WARNING: --host 0.0.0.0 serves /asps/sparql, /asps/query and /asps "
                            + "(SPARQL query), /asps/get (every graph, cases included), /asps/ddx and "
                            + "/asps/ddx/batch (case ranking) to anyone who can reach 0.0.0.0:"),
                    warning);
            assertTrue(warning.endsWith(", without TLS; the server is read-only"), warning);
            // and it does serve, on every interface (loopback among them)
            Matcher url = Pattern.compile("at (http://127\\.0\\.0\\.1:(\\d+)/asps)/sparql")
                    .matcher(serving);
            assertTrue(url.find(), serving);
            // --port 0: the warning names the port the system chose, the one it serves on, not 0
            assertTrue(!url.group(2).equals("0"), serving);
            assertTrue(warning.contains("reach 0.0.0.0:" + url.group(2) + ", without TLS"), warning + " / " + serving);
            HttpResponse<String> ask = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url.group(1) + "/sparql?query=ASK%7B%7D"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ask.statusCode(), ask.body());
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }
}
