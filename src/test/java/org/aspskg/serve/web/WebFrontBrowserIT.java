package org.aspskg.serve.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.serve.KnowledgeGraphServer;
import org.aspskg.store.KnowledgeGraphStore;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web front in a real browser: Debian's headless Chromium driven through its own chromedriver
 * (never a downloaded browser or driver), against a server on a loopback port. Each test leaves a
 * screenshot of its view in {@code docs/screenshots/} and checks Chromium's network log holds no
 * request to any host but the server. Skipped, saying why, where Chromium or chromedriver is missing
 * ({@code .ci/run} installs them).
 */
class WebFrontBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("aspskg.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("aspskg.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("docs", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KnowledgeGraphStore store;
    private static KnowledgeGraphServer server;
    private static String base;
    private ChromeDriverService service;

    @TempDir
    Path profile;

    private ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: no Chromium at " + CHROMIUM + " or no chromedriver at " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver; .ci/run does)");
        store = KnowledgeGraphStore.open(TestStores.sharedStore());
        server = KnowledgeGraphServer.create(store.datasetGraph())
                .port(0)
                .differential(TestKnowledge.pipeline())
                .build()
                .start();
        base = "http://127.0.0.1:" + server.port();
        // the system driver, named explicitly: Selenium Manager (which downloads drivers) is never asked
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    @BeforeEach
    void openBrowser() throws IOException {
        // one driver process per browser: quitting the browser stops its driver service
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        service.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
        if (service != null) service.stop();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Every URL Chromium requested so far (its DevTools performance log). */
    private List<String> requestedUrls() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(e.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                urls.add(message.path("params").path("request").path("url").asText());
            }
        }
        return urls;
    }

    private void assertOnlyTheServerWasAsked(Set<String> allowedHosts) throws IOException {
        List<String> urls = requestedUrls();
        assertTrue(!urls.isEmpty(), "the performance log holds no request");
        Set<String> foreign = new TreeSet<>();
        for (String u : urls) {
            // only the network counts: not data:, blob:, about: or Chromium's own chrome:// pages
            if (!u.matches("(?i)(https?|wss?)://.*")) continue;
            String hostPort = URI.create(u).getHost() + ":" + URI.create(u).getPort();
            if (!allowedHosts.contains(hostPort)) foreign.add(u);
        }
        assertTrue(foreign.isEmpty(), "requests to other hosts: " + foreign);
    }

    /** Waits for the page's deferred scripts (the autocomplete) to have run. */
    private void scriptsLoaded() {
        waiting()
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return document.readyState === 'complete' && !!window.aspsAutocomplete;")));
    }

    private Set<String> serverOnly() {
        return Set.of("127.0.0.1:" + server.port());
    }

    @Test
    void searchingAlveolarAndChoosingAspsOpensItsPageWithSoftTissueSarcomaMarkedInferred() throws IOException {
        browser.get(base + "/");
        scriptsLoaded();
        screenshot("home");
        WebElement box = browser.findElement(By.id("term-search"));
        box.sendKeys("alveolar");
        WebElement asps = waiting()
                .until(d -> d.findElements(By.cssSelector("#term-search-list [role=option]")).stream()
                        .filter(o -> o.getText().startsWith("alveolar soft part sarcoma"))
                        .findFirst()
                        .orElse(null));
        screenshot("search");
        // by keyboard: down to the suggestion, Enter opens it
        List<WebElement> options = browser.findElements(By.cssSelector("#term-search-list [role=option]"));
        for (int i = 0; i <= options.indexOf(asps); i++) box.sendKeys(Keys.ARROW_DOWN);
        assertEquals("true", asps.getAttribute("aria-selected"));
        box.sendKeys(Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().endsWith("/asps-kg/AlveolarSoftPartSarcoma"));
        assertEquals(
                "alveolar soft part sarcoma",
                browser.findElement(By.tagName("h1")).getText());
        WebElement parent = browser.findElements(By.cssSelector("ul.tree > li")).stream()
                .filter(li -> li.findElements(By.xpath("./a")).stream()
                        .anyMatch(a -> a.getText().equals("soft tissue sarcoma")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("soft tissue sarcoma is not a direct parent in the tree"));
        assertEquals(
                "inferred",
                parent.findElement(By.xpath("./span[contains(@class,'badge')]")).getText());
        screenshot("term-asps");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        waiting().until(d -> d.findElement(By.tagName("h1")).isDisplayed());
        long overflow = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, "the page scrolls sideways at phone width by " + overflow + " px");
        screenshot("term-asps-phone");
        assertOnlyTheServerWasAsked(serverOnly());
    }

    @Test
    void aLibraryQueryRunsInTheConsoleAndShowsItsExpectedRows() throws IOException {
        JsonNode expected = new ObjectMapper()
                .readTree(Path.of("queries", "18-asps-superclasses-asserted-and-inferred.srj")
                        .toFile());
        List<String> superclasses = new ArrayList<>();
        expected.path("results")
                .path("bindings")
                .forEach(
                        b -> superclasses.add(b.path("superclass").path("value").asText()));

        long start = System.nanoTime();
        browser.get(base + "/");
        browser.findElement(By.linkText("SPARQL console")).click();
        Select examples = new Select(waiting().until(d -> d.findElement(By.id("examples"))));
        waiting()
                .until(d -> ((JavascriptExecutor) d)
                        .executeScript("return !!document.querySelector('.yasqe')")
                        .equals(true));
        examples.selectByValue("18-asps-superclasses-asserted-and-inferred");
        List<WebElement> rows = waiting().until(d -> {
            List<WebElement> r = d.findElements(By.cssSelector(".yasr table tbody tr"));
            return r.size() == superclasses.size() ? r : null;
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("browser: home page to the first result of library query 18: " + millis + " ms");
        List<String> shown = new ArrayList<>();
        for (WebElement r : rows) shown.add(r.getText());
        for (String s : superclasses) {
            assertTrue(shown.stream().anyMatch(t -> t.contains(s)), s + " not among " + shown);
        }
        assertTrue(browser.findElement(By.id("example-question")).getText().startsWith("What kinds of lesion is ASPS"));
        assertTrue(browser.getCurrentUrl().contains("example=18-asps-superclasses-asserted-and-inferred"));
        ((JavascriptExecutor) browser).executeScript("document.querySelector('.yasr').scrollIntoView();");
        screenshot("console");
        assertOnlyTheServerWasAsked(serverOnly());
    }

    @Test
    void aLibraryQueryWithCountsShowsAsABarChartOfThoseCounts() throws IOException {
        // library query 27: per source work, the statement nodes and axioms citing it (xsd:integer counts)
        JsonNode expected = new ObjectMapper()
                .readTree(Path.of("queries", "27-references-and-what-they-support.srj")
                        .toFile());
        List<String> sources = new ArrayList<>();
        List<Long> statements = new ArrayList<>();
        expected.path("results").path("bindings").forEach(b -> {
            sources.add(b.path("source").path("value").asText());
            statements.add(b.path("statements").path("value").asLong());
        });

        browser.get(base + "/console?example=27-references-and-what-they-support");
        WebElement chartButton = waiting().until(d -> {
            List<WebElement> b = d.findElements(By.cssSelector(".yasr .select_chart"));
            return !b.isEmpty() && !b.get(0).getAttribute("class").contains("disabled") ? b.get(0) : null;
        });
        chartButton.click();
        WebElement canvas = waiting().until(d -> d.findElement(By.cssSelector(".yasr .results-chart canvas")));
        assertTrue(canvas.getSize().getWidth() > 300 && canvas.getSize().getHeight() > 200, canvas.getSize() + "");
        // what Chart.js drew: one bar per row of the answer, the counts of ?statements, labelled by ?source
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        List<Object> drawn = (List<Object>) js.executeScript(
                "var c = Chart.getChart(arguments[0]); return [c.config.type, c.data.labels, c.data.datasets[0].data];",
                canvas);
        assertEquals("bar", drawn.get(0));
        assertEquals(sources, drawn.get(1));
        assertEquals(
                statements,
                ((List<?>) drawn.get(2))
                        .stream().map(n -> ((Number) n).longValue()).toList());
        assertEquals(
                "statements",
                new Select(browser.findElement(By.id("chart-value")))
                        .getFirstSelectedOption()
                        .getAttribute("value"));
        js.executeScript("document.querySelector('.yasr').scrollIntoView();");
        screenshot("console-chart");
        assertOnlyTheServerWasAsked(serverOnly());
    }

    @Test
    void typingTheClassicAspsFindingsRanksAspsFirstWithItsEvidence() throws IOException {
        browser.get(base + "/ddx");
        scriptsLoaded();
        browser.findElement(By.id("age")).sendKeys("24");
        new Select(browser.findElement(By.id("sex"))).selectByValue("female");
        WebElement present = browser.findElement(By.id("present"));
        for (String[] typed : new String[][] {
            {"thigh", "thigh"},
            {"deep soft", "deep soft tissue"},
            {"highly vascular", "hypervascularity"},
            {"flow voids", "flow voids on MRI"},
            {"T2 hyper", "hyperintense on T2"}
        }) {
            present.sendKeys(typed[0]);
            waiting()
                    .until(d -> d.findElements(By.cssSelector("#present-suggestions [role=option]")).stream()
                            .anyMatch(o -> o.getText().startsWith(typed[1])));
            present.sendKeys(Keys.ENTER);
            waiting().until(d -> d.findElement(By.id("present-list")).getText().contains(typed[1]));
        }
        browser.findElement(By.id("rank")).click();
        WebElement first = waiting()
                .until(d -> d.findElements(By.cssSelector("#ranking .hypothesis")).stream()
                        .findFirst()
                        .orElse(null));
        assertTrue(
                first.findElement(By.tagName("h3")).getText().equals("1. alveolar soft part sarcoma"), first.getText());
        String evidence = first.findElement(By.cssSelector(".evidence")).getText();
        assertTrue(
                evidence.contains("Supporting (") && evidence.contains("flow voids") && evidence.contains("LR "),
                evidence);
        String permalink = browser.findElement(By.id("permalink")).getAttribute("href");
        assertTrue(permalink.contains("age=24") && permalink.contains("f=thigh"), permalink);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('rank').scrollIntoView();");
        screenshot("ddx");
        // the permalink reproduces the case
        browser.get(permalink);
        WebElement again = waiting()
                .until(d -> d.findElements(By.cssSelector("#ranking .hypothesis h3")).stream()
                        .findFirst()
                        .orElse(null));
        assertEquals("1. alveolar soft part sarcoma", again.getText());
        assertOnlyTheServerWasAsked(serverOnly());
    }

    @Test
    void aCaseWrittenInWordsIsReadBackAndRanksAspsFirst() throws IOException {
        browser.get(base + "/ddx");
        scriptsLoaded();
        browser.findElement(By.id("text"))
                .sendKeys("24-year-old woman with a deep mass of the thigh, highly vascular with flow voids on MRI");
        browser.findElement(By.id("rank")).click();
        WebElement first = waiting()
                .until(d -> d.findElements(By.cssSelector("#ranking .hypothesis h3")).stream()
                        .findFirst()
                        .orElse(null));
        assertEquals("1. alveolar soft part sarcoma", first.getText());
        String reading = browser.findElement(By.id("reading")).getText();
        assertTrue(reading.contains("→ flow voids on MRI") && reading.contains("→ thigh"), reading);
        assertTrue(browser.getCurrentUrl().contains("t="), browser.getCurrentUrl());
        assertOnlyTheServerWasAsked(serverOnly());
    }

    @Test
    void aPageOnAnotherOriginCanQueryTheEndpoint() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = """
                <!DOCTYPE html><html><head><title>elsewhere</title></head><body><p id="out">waiting</p>
                <script>
                fetch("%s/asps/sparql", {method: "POST",
                  headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
                  body: "query=" + encodeURIComponent("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")})
                  .then(r => r.json()).then(j => { document.getElementById("out").textContent = "triples: " + j.results.bindings[0].n.value; })
                  .catch(e => { document.getElementById("out").textContent = "blocked: " + e; });
                </script></body></html>
                """.formatted(base);
        other.createContext("/", exchange -> {
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        other.start();
        try {
            String otherOrigin = "127.0.0.1:" + other.getAddress().getPort();
            browser.get("http://" + otherOrigin + "/");
            String out = waiting().until(d -> {
                String t = d.findElement(By.id("out")).getText();
                return t.equals("waiting") ? null : t;
            });
            assertTrue(out.matches("triples: \\d+"), out);
            assertOnlyTheServerWasAsked(Set.of("127.0.0.1:" + server.port(), otherOrigin));
        } finally {
            other.stop(0);
        }
    }
}
