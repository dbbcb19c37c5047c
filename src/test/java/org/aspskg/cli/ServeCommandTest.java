package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.aspskg.serve.KnowledgeGraphServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asps-kg serve}'s write and exposure options: writes need both --allow-writes and a password
 * file, and binding beyond loopback warns about what it exposes. (Serving itself is tested over HTTP
 * in org.aspskg.serve and, from the jar, in ServeJarIT.)
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
}
