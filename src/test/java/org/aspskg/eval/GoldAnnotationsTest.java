package org.aspskg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the hand-written gold standard of the published case reports ({@code eval/published/<Diagnosis>/<slug>.gold.tsv}):
 * every case has one, every phrase is a verbatim substring of its case's text, age or sex, every term is {@code -} or a
 * class of the loaded ontology (its UBERON sites included), and every polarity is {@code present} or {@code absent}.
 */
class GoldAnnotationsTest {
    static final Path PUBLISHED = Path.of("eval", "published");
    static final String HEADER = "phrase\tterm\tpolarity\tnote";
    static final String UBERON_NS = "http://purl.obolibrary.org/obo/UBERON_";
    static final Pattern ASPSKG_CURIE = Pattern.compile("aspskg:[A-Za-z][A-Za-z0-9]*");
    static final Pattern UBERON_CURIE = Pattern.compile("UBERON:[0-9]{7}");
    static final Set<String> DIAGNOSES = Set.of(
            "AlveolarSoftPartSarcoma",
            "SynovialSarcoma",
            "MalignantFibrousHistiocytoma",
            "Angiosarcoma",
            "Osteosarcoma",
            "ArteriovenousMalformation");
    static final ObjectMapper JSON = new ObjectMapper();

    private static Model ontology;

    @BeforeAll
    static void loadOntology() {
        ontology = TestKnowledge.knowledge().ontology();
    }

    /** One row of a gold file, with its line number for messages. */
    record Row(Path file, int line, String phrase, String term, String polarity, String note) {
        String where() {
            return file + ":" + line;
        }
    }

    static List<Path> cases() {
        try (Stream<Path> files = Files.walk(PUBLISHED, 2)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path goldOf(Path caseFile) {
        String name = caseFile.getFileName().toString();
        return caseFile.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".gold.tsv");
    }

    static List<Row> rows(Path gold) {
        List<String> lines;
        try {
            lines = Files.readAllLines(gold, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(lines.isEmpty(), gold + " is empty");
        assertEquals(HEADER, lines.get(0), gold + ":1 header");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) continue;
            String[] cells = line.split("\t", -1);
            assertTrue(
                    cells.length == 3 || cells.length == 4,
                    gold + ":" + (i + 1) + " has " + cells.length + " cells, expected 3 or 4");
            rows.add(new Row(gold, i + 1, cells[0], cells[1], cells[2], cells.length == 4 ? cells[3] : ""));
        }
        return rows;
    }

    static String field(JsonNode c, String name) {
        JsonNode v = c.get(name);
        return v == null || v.isNull() ? "" : v.asText();
    }

    boolean isOntologyClass(String curie) {
        if (ASPSKG_CURIE.matcher(curie).matches()) {
            Resource c = ontology.getResource(AspsVocabulary.NS + curie.substring("aspskg:".length()));
            return ontology.contains(c, RDF.type, OWL2.Class);
        }
        if (UBERON_CURIE.matcher(curie).matches()) {
            Resource c = ontology.getResource(UBERON_NS + curie.substring("UBERON:".length()));
            return ontology.contains(c, RDF.type, OWL2.Class);
        }
        return false;
    }

    @Test
    void everyPublishedCaseHasAGoldFileAndEveryGoldFileACase() throws IOException {
        List<Path> cases = cases();
        assertFalse(cases.isEmpty(), "no published cases under " + PUBLISHED);
        for (Path c : cases) assertTrue(Files.isRegularFile(goldOf(c)), "no gold annotations for " + c);
        try (Stream<Path> files = Files.walk(PUBLISHED, 2)) {
            for (Path g : files.filter(f -> f.toString().endsWith(".gold.tsv")).toList()) {
                String name = g.getFileName().toString();
                Path json = g.resolveSibling(name.substring(0, name.length() - ".gold.tsv".length()) + ".json");
                assertTrue(Files.isRegularFile(json), g + " has no case " + json);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfEveryGoldFileIsWellFormedAndGrounded() {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(PUBLISHED.relativize(c).toString(), () -> {
                    JsonNode kase = JSON.readTree(c.toFile());
                    String text = field(kase, "text");
                    String age = field(kase, "age");
                    String sex = field(kase, "sex");
                    List<Row> rows = rows(goldOf(c));
                    assertFalse(rows.isEmpty(), goldOf(c) + " has no rows");
                    Set<String> seen = new HashSet<>();
                    for (Row r : rows) {
                        assertFalse(r.phrase().isBlank(), r.where() + " empty phrase");
                        assertEquals(r.phrase().strip(), r.phrase(), r.where() + " phrase has surrounding spaces");
                        assertTrue(
                                text.contains(r.phrase()) || age.contains(r.phrase()) || sex.contains(r.phrase()),
                                r.where() + " phrase not verbatim in the case's text, age or sex: '" + r.phrase()
                                        + "'");
                        assertTrue(
                                r.term().equals("-") || isOntologyClass(r.term()),
                                r.where() + " term is neither '-' nor a class of the loaded ontology: " + r.term());
                        assertFalse(
                                DIAGNOSES.contains(r.term().replace("aspskg:", "")),
                                r.where() + " maps a phrase to a diagnosis, which the gold must not do: " + r.term());
                        assertTrue(
                                r.polarity().equals("present") || r.polarity().equals("absent"),
                                r.where() + " polarity must be present or absent: " + r.polarity());
                        assertTrue(seen.add(r.phrase() + "\t" + r.term()), r.where() + " repeats phrase and term");
                    }
                }));
    }

    @Test
    void termCheckRejectsUnknownAndAcceptsKnownClasses() {
        assertTrue(isOntologyClass("aspskg:FlowVoid"));
        assertTrue(isOntologyClass("UBERON:0003823"));
        assertFalse(isOntologyClass("aspskg:NoSuchFinding"));
        assertFalse(isOntologyClass("UBERON:9999999"));
        assertFalse(isOntologyClass("aspskg:hasFinding"), "a property is not a class");
        assertFalse(isOntologyClass("HP:0000001"));
    }
}
