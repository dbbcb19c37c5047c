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

    /** What the performance log held so far: reading it empties it. */
    private final List<String> requested = new ArrayList<>();

    /** Every URL Chromium requested so far (its DevTools performance log). */
    private List<String> requestedUrls() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> urls = requested;
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

    /**
     * The page's cumulative layout shift so far: the sum of Chromium's {@code layout-shift} entries
     * (buffered since the page's start) that no user input caused, with the elements that moved.
     */
    private void assertNoLayoutShift(String view) {
        @SuppressWarnings("unchecked")
        List<Object> shift = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                        var done = arguments[arguments.length - 1], sum = 0, moved = [];
                        new PerformanceObserver(function (list) {
                          list.getEntries().forEach(function (e) {
                            if (e.hadRecentInput) return;
                            sum += e.value;
                            (e.sources || []).forEach(function (s) {
                              var n = s.node;
                              moved.push(n ? (n.nodeName + (n.id ? "#" + n.id : "") + (n.className && n.className.baseVal === undefined ? "." + n.className : "")) : "?");
                            });
                          });
                        }).observe({ type: "layout-shift", buffered: true });
                        setTimeout(function () { done([sum, moved.join(", ")]); }, 500);
                        """);
        double cls = ((Number) shift.get(0)).doubleValue();
        System.out.println("browser: cumulative layout shift of " + view + ": " + cls);
        assertTrue(cls < 0.01, view + ": layout shift " + cls + " (moved: " + shift.get(1) + ")");
    }

    /**
     * At 1280x800 and at a phone's 390x844: no sideways scrolling, the heading and the main content
     * inside the viewport's width, text at least 14 px.
     */
    private void assertReadableOnDesktopAndPhone(String view, String phoneScreenshot) throws IOException {
        for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(390, 844))) {
            browser.manage().window().setSize(size);
            waiting()
                    .until(d ->
                            ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth;")).intValue()
                                    <= size.getWidth());
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) ((JavascriptExecutor) browser).executeScript("""
                            var de = document.documentElement, main = document.querySelector("main").getBoundingClientRect();
                            var h1 = document.querySelector("h1").getBoundingClientRect();
                            var font = parseFloat(getComputedStyle(document.querySelector("main p, main li, main td") || document.body).fontSize);
                            var wide = Array.from(document.querySelectorAll("body *")).filter(function (e) {
                              // the outermost elements that cross the right edge
                              var p = e.parentElement;
                              return e.getBoundingClientRect().right > de.clientWidth + 0.5
                                && (!p || p.getBoundingClientRect().right <= de.clientWidth + 0.5);
                            }).map(function (e) { return e.nodeName + (e.id ? "#" + e.id : "") + (typeof e.className === "string" && e.className ? "." + e.className : ""); });
                            return [de.scrollWidth - de.clientWidth, main.right - de.clientWidth, h1.right - de.clientWidth, font, wide.slice(-5).join(", ")];
                            """);
            List<Number> m = r.subList(0, 4).stream().map(Number.class::cast).toList();
            String at = view + " at " + size.getWidth() + "x" + size.getHeight() + " (too wide: " + r.get(4) + "): ";
            assertTrue(m.get(0).doubleValue() <= 0, at + "scrolls sideways by " + m.get(0) + " px");
            assertTrue(m.get(1).doubleValue() <= 0.5, at + "the main content overflows by " + m.get(1) + " px");
            assertTrue(m.get(2).doubleValue() <= 0.5, at + "the heading overflows by " + m.get(2) + " px");
            assertTrue(m.get(3).doubleValue() >= 14, at + "text of " + m.get(3) + " px");
            if (size.getWidth() < 1280 && phoneScreenshot != null) screenshot(phoneScreenshot);
        }
        browser.manage().window().setSize(new Dimension(1280, 800));
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
    void typingTheClassicAspsFindingsRanksAspsFirstWithItsEvidence() throws Exception {
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
            {"T2 hyper", "hyperintense on T2"},
            {"solid tumour", "solid tumour component"}
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
        // a solid component excludes the vascular malformation: its card says so, with the axiom behind it
        WebElement vm = browser.findElements(By.cssSelector("#ranking .hypothesis")).stream()
                .filter(h -> h.findElement(By.tagName("h3")).getText().endsWith("vascular malformation"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no vascular malformation in the ranking"));
        assertTrue(vm.getAttribute("class").contains("excluded"), vm.getAttribute("class"));
        String reason = vm.findElement(By.cssSelector(".exclusion")).getText();
        assertTrue(
                reason.contains("Excluded")
                        && reason.contains("every case of vascular malformation lacks it: solid tumour component")
                        && reason.contains("VascularMalformation SubClassOf not"),
                reason);
        // the next findings worth checking: those the server computes for the same case, in its order
        JsonNode answer = new ObjectMapper()
                .readTree(java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(URI.create(base + "/asps/ddx"))
                                        .header("Content-Type", "application/json")
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                                                {"age": 24, "sex": "female", "findings": ["thigh", "deep soft tissue",
                                                 "hypervascularity", "flow voids on MRI", "hyperintense on T2",
                                                 "solid tumour component"], "absent": []}"""))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body());
        List<String> nextExpected = new ArrayList<>();
        answer.path("nextFindings").forEach(n -> nextExpected.add(n.path("text").asText()));
        assertTrue(!nextExpected.isEmpty(), "the server suggests no next finding: " + answer.path("nextFindings"));
        List<String> nextShown = browser.findElements(By.cssSelector("#ranking section.next li")).stream()
                .map(WebElement::getText)
                .toList();
        assertEquals(nextExpected.subList(0, Math.min(3, nextExpected.size())), nextShown);
        // this server does not store cases: the form does not offer it
        assertTrue(browser.findElements(By.id("store")).isEmpty(), "a read-only server offers to store the case");
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
    void aSharedConsoleLinkRunsItsQueryAndTheEditorCompletesPrefixesAndClassesFromThisServerOnly() throws Exception {
        String query = "SELECT ?label WHERE { <" + org.aspskg.ontology.AspsVocabulary.iri("AlveolarSoftPartSarcoma")
                + "> <http://www.w3.org/2000/01/rdf-schema#label> ?label }";
        browser.get(base + "/console?query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
        waiting()
                .until(d -> d.findElements(By.cssSelector(".yasr table tbody tr")).stream()
                        .anyMatch(r -> r.getText().contains("alveolar soft part sarcoma")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // after a run of an edited query, the address bar holds a link that runs it when opened
        String edited = "SELECT (COUNT(*) AS ?classes) WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> }";
        js.executeScript("var t = aspsYasgui.getTab(); t.setQuery(arguments[0]); t.query();", edited);
        waiting().until(d -> d.getCurrentUrl().contains("query=SELECT"));
        String link = browser.getCurrentUrl();
        assertEquals(
                edited,
                new java.net.URI(link).getQuery().replaceFirst("^query=", ""),
                "the address bar's link holds the query run");
        browser.get("about:blank");
        browser.get(link);
        // one row: its number, then the count of classes (more than a hundred)
        WebElement row = waiting()
                .until(d -> d.findElements(By.cssSelector(".yasr table tbody tr")).stream()
                        .findFirst()
                        .orElse(null));
        assertTrue(
                java.util.Arrays.stream(row.getText().split("\\D+"))
                        .filter(n -> !n.isEmpty())
                        .anyMatch(n -> Long.parseLong(n) > 100),
                row.getText());

        // prefix completion from YASGUI's bundled list (no prefix.cc)
        js.executeScript("var y = aspsYasgui.getTab().getYasqe(); y.setValue('PREFIX ow'); y.focus();"
                + " y.getDoc().setCursor({line: 0, ch: 9}); y.autocomplete();");
        waiting()
                .until(d -> d.findElements(By.cssSelector(".CodeMirror-hints li")).stream()
                        .anyMatch(li -> li.getText().startsWith("owl: <http://www.w3.org/2002/07/owl#>")));
        // class completion from this server's search API (no LOV)
        js.executeScript("var y = aspsYasgui.getTab().getYasqe();"
                + " y.setValue('PREFIX aspskg: <https://w3id.org/asps-kg/>\\nSELECT * WHERE { ?x a aspskg:AlveolarSoft');"
                + " y.focus(); y.getDoc().setCursor({line: 1, ch: 1000}); y.autocomplete();");
        waiting()
                .until(d -> d.findElements(By.cssSelector(".CodeMirror-hints li")).stream()
                        .anyMatch(li -> li.getText().contains("AlveolarSoftPartSarcoma")));
        List<String> urls = requestedUrls();
        assertTrue(
                urls.stream().anyMatch(u -> u.contains("/api/search?") && u.contains("AlveolarSoft")),
                "the class completion did not ask this server's search: " + urls);
        assertOnlyTheServerWasAsked(serverOnly());
    }

    @Test
    void theFormCanBeFilledAndSubmittedWithTheKeyboardAloneWithFocusAlwaysVisible() throws IOException {
        browser.get(base + "/ddx");
        scriptsLoaded();
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // the first Tab reaches the skip link, which leads to the content
        keys.sendKeys(Keys.TAB).perform();
        assertEquals("Skip to content", browser.switchTo().activeElement().getText());
        keys.sendKeys(Keys.ENTER).perform();
        waiting().until(d -> d.getCurrentUrl().endsWith("#main"));
        // Tab walks the form's controls in order, each with a visible focus ring
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30 && !order.contains("rank"); i++) {
            keys.sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            String id = focused.getAttribute("id");
            if (id != null && !id.isEmpty()) order.add(id);
            String outline = (String) js.executeScript(
                    "var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", focused);
            assertTrue(
                    !outline.startsWith("none") && !outline.endsWith(" 0px"),
                    id + ": focus not visible (" + outline + ")");
        }
        List<String> controls = List.of("age", "sex", "present", "absent", "text", "rank");
        assertEquals(controls, order.stream().filter(controls::contains).toList(), "Tab order: " + order);
        // filled and sent by keys only
        browser.findElement(By.id("age")).click(); // back to the first field
        keys.sendKeys("24").sendKeys(Keys.TAB).perform();
        keys.sendKeys(Keys.ARROW_DOWN).sendKeys(Keys.TAB).perform(); // sex: the first choice after "not stated"
        assertEquals("present", browser.switchTo().activeElement().getAttribute("id"));
        keys.sendKeys("flow voids").perform();
        waiting()
                .until(d -> !d.findElements(By.cssSelector("#present-suggestions [role=option]"))
                        .isEmpty());
        keys.sendKeys(Keys.ARROW_DOWN).sendKeys(Keys.ENTER).perform();
        waiting().until(d -> d.findElement(By.id("present-list")).getText().contains("flow voids"));
        WebElement rank = browser.findElement(By.id("rank"));
        while (!rank.equals(browser.switchTo().activeElement()))
            keys.sendKeys(Keys.TAB).perform();
        keys.sendKeys(Keys.ENTER).perform();
        waiting()
                .until(d ->
                        !d.findElements(By.cssSelector("#ranking .hypothesis")).isEmpty());
        assertTrue(browser.getCurrentUrl().contains("age=24"), browser.getCurrentUrl());
        assertOnlyTheServerWasAsked(serverOnly());
    }

    @Test
    void everyViewIsReadableAtDesktopAndPhoneWidthAndDoesNotShiftAsItLoads() throws IOException {
        String ddx = "/ddx?age=24&sex=female&f=thigh&f=flow%20voids%20on%20MRI&f=hypervascularity";
        for (String[] view : new String[][] {
            {"/", "home", "main h1"},
            {"/asps-kg/AlveolarSoftPartSarcoma", "term page", "ul.tree"},
            {"/search?q=alveolar", "search results", "main h1"},
            {"/console?example=18-asps-superclasses-asserted-and-inferred", "console", ".yasr table tbody tr"},
            {ddx, "differential", "#ranking .hypothesis"}
        }) {
            browser.get(base + view[0]);
            waiting()
                    .until(d -> !d.findElements(By.cssSelector(view[2])).isEmpty()
                            && Boolean.TRUE.equals(((JavascriptExecutor) d)
                                    .executeScript("return document.readyState === 'complete';")));
            assertNoLayoutShift(view[1]);
            // every visible control of the page has a name: a <label for>, an enclosing label, aria-label(ledby)
            @SuppressWarnings("unchecked")
            List<String> unlabelled = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                            return Array.from(document.querySelectorAll("main input, main select, main textarea, header input"))
                              .filter(function (e) { return e.type !== "hidden" && e.offsetParent !== null && !e.closest(".yasqe, .yasr, .yasgui"); })
                              .filter(function (e) {
                                return !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby");
                              })
                              .map(function (e) { return e.outerHTML.slice(0, 120); });
                            """);
            assertTrue(unlabelled.isEmpty(), view[1] + ": controls without a label: " + unlabelled);
            assertReadableOnDesktopAndPhone(view[1], view[1].equals("differential") ? "ddx-phone" : null);
        }
        assertOnlyTheServerWasAsked(serverOnly());
    }

    /** On a server that allows writes, the form offers to store the case and links the stored case's page. */
    @Test
    void theFormStoresACaseOnlyWhereTheServerAllowsWritesAndLinksIt(@TempDir Path dir) throws Exception {
        try (WritableServer writable = WritableServer.start(dir, "editor", "pw-456")) {
            String url = writable.url();
            // the browser holds the login (as after the browser's own login prompt)
            browser.executeCdpCommand("Network.enable", java.util.Map.of());
            browser.executeCdpCommand(
                    "Network.setExtraHTTPHeaders",
                    java.util.Map.of("headers", java.util.Map.of("Authorization", writable.basicAuthorization())));
            browser.get(url + "/ddx?age=24&sex=female&f=thigh&f=flow%20voids%20on%20MRI");
            waiting()
                    .until(d -> !d.findElements(By.cssSelector("#ranking .hypothesis"))
                            .isEmpty());
            // the permalink ranks, it never stores
            assertTrue(browser.findElements(By.id("stored")).isEmpty());
            WebElement box = browser.findElement(By.id("store"));
            assertEquals(
                    "store",
                    browser.findElement(By.cssSelector("label[for=store]")).getAttribute("for"));
            box.click();
            browser.findElement(By.id("rank")).click();
            WebElement stored = waiting().until(d -> d.findElement(By.cssSelector("#stored a")));
            String page = stored.getAttribute("href");
            assertTrue(page.startsWith(url + "/asps-kg/case/form-"), page);
            assertTrue(!browser.getCurrentUrl().contains("store"), "the permalink stores: " + browser.getCurrentUrl());
            String caseIri = org.aspskg.ontology.AspsVocabulary.CASE_NS + page.substring(page.lastIndexOf('/') + 1);
            String ask = "ASK { GRAPH <" + org.aspskg.ontology.AspsVocabulary.GRAPH_CASES + "> { <" + caseIri
                    + "> ?p ?o } }";
            String answer = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(URI.create(url + "/asps/sparql?query="
                                            + java.net.URLEncoder.encode(ask, StandardCharsets.UTF_8)))
                                    .header("Accept", "application/sparql-results+json")
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(answer.contains("true"), "the case is not in the cases graph: " + answer);
            stored.click();
            waiting().until(d -> d.getCurrentUrl().equals(page));
            assertTrue(
                    browser.findElement(By.tagName("main")).getText().contains(caseIri),
                    "the stored case's page: "
                            + browser.findElement(By.tagName("main")).getText());
            assertOnlyTheServerWasAsked(Set.of("127.0.0.1:" + writable.port()));
        }
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
