package org.aspskg.ontology.qc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.EditSource;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ROBOT's own QC must agree with {@code asps-kg validate}. ROBOT 1.9.8 is built on OWL API 4, so it
 * never shares our classpath: the build writes its classpath to target/robot.classpath (see
 * qc/robot/pom.xml) and each ROBOT command runs in a separate JVM.
 */
class RobotQcTest {
    private static final Path ROBOT_CLASSPATH = Path.of("target", "robot.classpath");
    private static final Path FIXTURES = OntologyValidatorTest.FIXTURES;
    private static String classpath;

    /** Exit code and combined output of one ROBOT command. */
    private record Robot(int exit, String output, List<String> command) {
        String describe() {
            return "robot " + String.join(" ", command) + " exited " + exit + ":\n" + output;
        }
    }

    @BeforeAll
    static void robotClasspath() throws IOException {
        assertTrue(
                Files.isRegularFile(ROBOT_CLASSPATH),
                ROBOT_CLASSPATH + " is missing: run 'mvn verify' (it resolves ROBOT from qc/robot/pom.xml)");
        classpath = Files.readString(ROBOT_CLASSPATH).trim();
    }

    private static Robot robot(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx2g",
                "-Djava.awt.headless=true",
                "-cp",
                classpath,
                "org.obolibrary.robot.CommandLineInterface"));
        command.addAll(Arrays.asList(args));
        // Output goes to a file, not a pipe, so that a hung ROBOT cannot block the test past its timeout.
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target")), "robot-", ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "robot " + String.join(" ", args) + " did not finish in 5 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Robot(p.exitValue(), output, Arrays.asList(args));
    }

    /** The three checks CI runs: report (fail on ERROR), DL profile, HermiT (consistent, all classes satisfiable). */
    private static void assertRobotPasses(Path ontology, Path reportTsv) throws Exception {
        Files.createDirectories(reportTsv.getParent());
        Robot report =
                robot("report", "--input", ontology.toString(), "--fail-on", "ERROR", "--output", reportTsv.toString());
        assertEquals(0, report.exit(), () -> report.describe() + "\n" + readQuietly(reportTsv));
        Robot profile = robot("validate-profile", "--profile", "DL", "--input", ontology.toString());
        assertEquals(0, profile.exit(), profile::describe);
        Robot reason = robot("reason", "--reasoner", "HermiT", "--input", ontology.toString());
        assertEquals(0, reason.exit(), reason::describe);
    }

    @Test
    void robotPassesTheRealOntology() throws Exception {
        assumeTrue(Files.exists(OntologyLoader.DEFAULT_ONTOLOGY), "the ontology is not written yet");
        assertRobotPasses(compiledOntology(), Path.of("target", "robot-report.tsv"));
    }

    @Test
    void robotPassesTheFixtureThatValidatePasses() throws Exception {
        assertEquals(
                0,
                OntologyValidator.standard()
                        .validate(FIXTURES.resolve("good.ttl"))
                        .count(Level.ERROR));
        assertRobotPasses(FIXTURES.resolve("good.ttl"), Path.of("target", "robot-report-good.tsv"));
    }

    @Test
    void robotReportAndValidateFindTheSameRuleBreaches() throws Exception {
        assertSameReportRows(
                FIXTURES.resolve("robot-report-breaches.ttl"), Path.of("target", "robot-report-breaches.tsv"));
    }

    @Test
    void robotReportAndValidateAgreeOnTheRealOntology() throws Exception {
        assumeTrue(Files.exists(OntologyLoader.DEFAULT_ONTOLOGY), "the ontology is not written yet");
        assertSameReportRows(compiledOntology(), Path.of("target", "robot-report-all.tsv"));
    }

    /**
     * The edit source compiled as 'asps-kg build' compiles it (imports and tables merged), in a file ROBOT can
     * read: ROBOT sees the edit source itself without the association table.
     */
    private static Path compiledOntology() throws Exception {
        Path file = Files.createDirectories(Path.of("target")).resolve("asps-compiled.ttl");
        Files.writeString(file, EditSource.compiledTurtle(OntologyLoader.DEFAULT_ONTOLOGY), StandardCharsets.UTF_8);
        return file;
    }

    /** Every row of `robot report` (level, rule, subject) is in asps-kg's report and vice versa, our own rules aside. */
    private static void assertSameReportRows(Path ontology, Path tsv) throws Exception {
        Robot report = robot("report", "--input", ontology.toString(), "--fail-on", "none", "--output", tsv.toString());
        assertEquals(0, report.exit(), report::describe);
        List<String> lines = Files.readAllLines(tsv);
        TreeSet<String> robotRows = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            robotRows.add(cols[0] + " " + cols[1] + " " + localName(cols[2]));
        }
        TreeSet<String> ourRows = new TreeSet<>();
        OntologyValidator.standard().validate(ontology).rows().stream()
                .filter(r -> isRobotRule(r.rule()))
                .forEach(r -> ourRows.add(r.level() + " " + r.rule() + " " + localName(r.subject())));
        assertEquals(String.join("\n", robotRows), String.join("\n", ourRows));
    }

    /** Rules that asps-kg adds to ROBOT's report (ROBOT checks DL and HermiT with other commands). */
    private static boolean isRobotRule(String rule) {
        return !rule.startsWith("asps_")
                && !rule.equals("owl2_dl_profile")
                && !rule.equals("inconsistent_ontology")
                && !rule.equals("unsatisfiable_class")
                && !rule.equals("reasoner_failure");
    }

    @Test
    void robotReasonRejectsWhatValidateRejects() throws Exception {
        Robot unsat = robot(
                "reason",
                "--reasoner",
                "HermiT",
                "--input",
                FIXTURES.resolve("unsatisfiable.ttl").toString());
        assertNotEquals(0, unsat.exit(), unsat::describe);
        for (String name : List.of("AspsInBone", "ChildOfAsps")) {
            assertTrue(unsat.output().contains("unsatisfiable: " + AspsVocabulary.iri(name)), unsat::describe);
        }
        Robot inconsistent = robot(
                "reason",
                "--reasoner",
                "HermiT",
                "--input",
                FIXTURES.resolve("inconsistent.ttl").toString());
        assertNotEquals(0, inconsistent.exit(), inconsistent::describe);
        assertTrue(inconsistent.output().contains("inconsistent"), inconsistent::describe);
        Robot profile = robot(
                "validate-profile",
                "--profile",
                "DL",
                "--input",
                FIXTURES.resolve("dl-violation.ttl").toString());
        assertNotEquals(0, profile.exit(), profile::describe);
        assertTrue(
                profile.output().contains("Use of undeclared annotation property: <http://purl.org/dc/terms/title>"),
                profile::describe);
    }

    @Test
    void standardProfileKeepsRobotsDefaultLevels() throws Exception {
        URL[] jars = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(j -> Path.of(j).getFileName().toString().startsWith("robot-core-"))
                .map(j -> {
                    try {
                        return Path.of(j).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        assertEquals(1, jars.length, "robot-core jar in " + ROBOT_CLASSPATH);
        Map<String, Level> robotLevels = new TreeMap<>();
        // A loader with no parent: only robot-core's resources, none of ours.
        try (URLClassLoader robotCore = new URLClassLoader(jars, null);
                InputStream in = robotCore.getResourceAsStream("report_profile.txt")) {
            assertTrue(in != null, "report_profile.txt in robot-core");
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .forEach(l -> {
                        String[] cols = l.trim().split("\\s+");
                        robotLevels.put(cols[1], Level.parse(cols[0]));
                    });
        }
        Map<String, Level> ours =
                new TreeMap<>(OntologyValidator.standardProfile().levels());
        ours.keySet().retainAll(robotLevels.keySet());
        assertEquals(robotLevels, ours);
    }

    /**
     * ROBOT prints our terms as full IRIs and OBO terms as {@code IAO:0000115}; asps-kg prints CURIEs
     * ({@code aspskg:Mass}, {@code obo:IAO_0000115}): compare what follows the last / # : or _.
     */
    private static String localName(String term) {
        int cut = -1;
        for (char c : new char[] {'/', '#', ':', '_'}) cut = Math.max(cut, term.lastIndexOf(c));
        return term.substring(cut + 1);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
