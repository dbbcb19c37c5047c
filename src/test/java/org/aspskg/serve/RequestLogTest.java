package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What the server writes to its log, with the product's own logging configuration
 * (src/main/resources/logback.xml, as the jar has it): a query's text is cut at
 * {@link ServerLimits#LOGGED_QUERY_CHARS} characters, and no password reaches the log, not even in
 * Fuseki's verbose mode, which prints every request header.
 */
class RequestLogTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "never-in-the-log-42";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void productLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(
                Path.of("src", "main", "resources", "logback.xml").toFile());
        OutputStreamAppender<?> fuseki = (OutputStreamAppender<?>)
                context.getLogger("org.apache.jena.fuseki").getAppender("FUSEKI");
        fuseki.setOutputStream(log);
    }

    @AfterEach
    void testLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(
                Path.of("src", "test", "resources", "logback-test.xml").toFile());
    }

    private KnowledgeGraphServer start(boolean verbose) throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "editor: " + PASSWORD + "\n");
        return KnowledgeGraphServer.create(DatasetGraphFactory.createTxnMem())
                .port(0)
                .verbose(verbose)
                .writes(new KnowledgeGraphServer.Writes(passwords, AuthScheme.BASIC))
                .build()
                .start();
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLongQueryIsLoggedCutToTheDocumentedLength() throws Exception {
        KnowledgeGraphServer server = start(false);
        try {
            String query = "ASK { ?s ?p \"" + "x".repeat(20_000) + "\" }";
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.datasetUrl("127.0.0.1") + "/sparql"))
                            .header("Content-Type", "application/sparql-query")
                            .POST(HttpRequest.BodyPublishers.ofString(query))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } finally {
            server.stop();
        }
        List<String> queryLines =
                logText().lines().filter(l -> l.contains("Query = ")).toList();
        assertEquals(1, queryLines.size(), logText());
        String message = queryLines.get(0).substring(queryLines.get(0).indexOf(" - ") + 3);
        assertEquals(ServerLimits.LOGGED_QUERY_CHARS, message.length());
        assertTrue(message.contains("ASK { ?s ?p \"xxx"), message.substring(0, 100));
    }

    @Test
    void noCredentialReachesTheLogEvenInVerboseMode() throws Exception {
        KnowledgeGraphServer server = start(true);
        String basic = Base64.getEncoder().encodeToString(("editor:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            String update =
                    "update=" + URLEncoder.encode("INSERT DATA { <urn:x:s> <urn:x:p> 1 }", StandardCharsets.UTF_8);
            for (String password : List.of(PASSWORD, "wrong-" + PASSWORD)) {
                String credentials =
                        Base64.getEncoder().encodeToString(("editor:" + password).getBytes(StandardCharsets.UTF_8));
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.datasetUrl("127.0.0.1") + "/update"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Authorization", "Basic " + credentials)
                                .POST(HttpRequest.BodyPublishers.ofString(update))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        } finally {
            server.stop();
        }
        String text = logText();
        assertTrue(text.contains("Authorization:") && text.contains(ServletGuards.HIDDEN), text);
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains(basic), text);
        assertFalse(text.contains("Basic "), text);
    }
}
