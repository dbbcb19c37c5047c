package org.aspskg.ddx.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;

/**
 * The knowledge cache's key and file: what changes the key and what does not, a sound file read back as
 * written, and every kind of unsound file (cut short, altered, of another key, not JSON) ignored. That
 * the knowledge built from the cache ranks as HermiT's does, and that a corrupt file is recomputed and the
 * bypass reads nothing, is {@code DdxKnowledgeFromCacheTest}.
 */
class KnowledgeCacheTest {
    private static final String NS = "https://w3id.org/asps-kg/";
    private static final OWLDataFactory DF = OWLManager.getOWLDataFactory();

    private static OWLAxiom subClassOf(String sub, String sup) {
        return DF.getOWLSubClassOfAxiom(DF.getOWLClass(IRI.create(NS + sub)), DF.getOWLClass(IRI.create(NS + sup)));
    }

    @Test
    void theKeyDependsOnTheAxiomsTheFeaturesAndTheHypothesesNotOnTheirOrder() {
        List<OWLAxiom> axioms = List.of(subClassOf("A", "B"), subClassOf("B", "C"));
        List<String> features = List.of(NS + "A", NS + "B");
        List<String> hypotheses = List.of(NS + "D1", NS + "D2");
        String key = KnowledgeCache.key(axioms, features, hypotheses);
        assertTrue(key.matches("[0-9a-f]{64}"), key);
        assertEquals(
                key,
                KnowledgeCache.key(List.of(axioms.get(1), axioms.get(0)), List.of(NS + "B", NS + "A"), hypotheses));
        assertNotEquals(key, KnowledgeCache.key(List.of(subClassOf("A", "B")), features, hypotheses));
        assertNotEquals(
                key, KnowledgeCache.key(List.of(subClassOf("A", "B"), subClassOf("B", "D")), features, hypotheses));
        assertNotEquals(key, KnowledgeCache.key(axioms, List.of(NS + "A"), hypotheses));
        assertNotEquals(key, KnowledgeCache.key(axioms, features, List.of(NS + "D1")));
        // the hypotheses' order is the order of the obligate features the file keeps
        assertNotEquals(key, KnowledgeCache.key(axioms, features, List.of(NS + "D2", NS + "D1")));
    }

    /**
     * The real edit source copied and changed: a logical axiom in it or in an imported module gives another key;
     * an annotation (a label, a comment) keeps it, since HermiT's inferences do not depend on annotations.
     */
    @Test
    void aChangedOntologyGetsADifferentKeyAndAnAnnotationKeepsIt(@TempDir Path tmp) throws IOException {
        Path original = OntologyLoader.DEFAULT_ONTOLOGY.toAbsolutePath().getParent();
        String base = keyOf(copy(original, tmp.resolve("base")));

        Path logical = copy(original, tmp.resolve("logical"));
        append(logical.resolve("asps-edit.ofn"), "SubClassOf(aspskg:FrequencyQualifier aspskg:PatientCase)");
        assertNotEquals(base, keyOf(logical), "a subclass axiom added to the edit source");

        Path module = copy(original, tmp.resolve("module"));
        append(
                module.resolve("modules/case-model.ofn"),
                "Declaration(Class(<https://w3id.org/asps-kg/AKindOfCaseAddedByTheTest>))\n"
                        + "SubClassOf(<https://w3id.org/asps-kg/AKindOfCaseAddedByTheTest> "
                        + "<https://w3id.org/asps-kg/PatientCase>)");
        assertNotEquals(base, keyOf(module), "a class added to an imported module");

        Path annotation = copy(original, tmp.resolve("annotation"));
        append(
                annotation.resolve("asps-edit.ofn"),
                "AnnotationAssertion(rdfs:comment aspskg:FrequencyQualifier \"a comment added by the test\"@en)");
        assertEquals(base, keyOf(annotation), "an annotation only");
    }

    private static String keyOf(Path dir) {
        return KnowledgeCache.key(
                CaseTBox.sourceAxioms(OntologyLoader.load(dir.resolve("asps-edit.ofn"))),
                List.of(NS + "AlveolarGrowthPattern"),
                List.of(NS + "AlveolarSoftPartSarcoma"));
    }

    /** Inserts lines before the closing parenthesis of a functional-syntax ontology. */
    private static void append(Path ofn, String lines) throws IOException {
        String text = Files.readString(ofn);
        int end = text.lastIndexOf(')');
        Files.writeString(ofn, text.substring(0, end) + lines + "\n" + text.substring(end));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.getNameCount() > 0
                        && List.of("examples", "research")
                                .contains(rel.getName(0).toString())) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        return to;
    }

    /** Small inferences, as the file holds them (no HermiT needed to write and read a file). */
    private static KnowledgeCache.Inferences inferences() {
        Map<String, Map<String, Boolean>> obligate = new LinkedHashMap<>();
        obligate.put(NS + "D1", Map.of(NS + "A", true));
        obligate.put(NS + "D2", Map.of());
        return new KnowledgeCache.Inferences(
                new CaseTBox.Inferences(
                        Map.of(NS + "A", NS + "hasFinding"),
                        Map.of(NS + "hasLesionSite", List.of(NS + "Site", NS + "Thigh")),
                        Map.of(NS + "hasFinding", List.of(NS + "Finding", NS + "A")),
                        Map.of(NS + "A", List.of(NS + "A", NS + "Finding"), NS + "Finding", List.of(NS + "Finding")),
                        List.of(NS + "PatientCase"),
                        List.of(List.of(NS + "CaseX", NS + "CaseY"))),
                obligate);
    }

    @Test
    void aWrittenFileIsReadBackAsWrittenAndNothingElseIsLeftInTheDirectory(@TempDir Path dir) throws IOException {
        KnowledgeCache cache = KnowledgeCache.in(dir.resolve("made-on-write"));
        String key = "0".repeat(64);
        assertEquals(Optional.empty(), cache.read(key));
        cache.write(key, inferences());
        assertEquals(Optional.of(inferences()), cache.read(key));
        assertEquals(List.of(cache.file(key)), list(dir.resolve("made-on-write")));
        List<String> lines = Files.readAllLines(cache.file(key));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"format\":\"asps-kg knowledge cache\",\"version\":1,\"key\":\"" + key));
        assertEquals(Optional.empty(), cache.read("1".repeat(64)), "another key");
    }

    @Test
    void anUnsoundFileIsIgnoredAndOverwrittenByTheNextWrite(@TempDir Path dir) throws IOException {
        KnowledgeCache cache = KnowledgeCache.in(dir);
        String key = "a".repeat(64);
        cache.write(key, inferences());
        byte[] sound = Files.readAllBytes(cache.file(key));
        int body = indexOf(sound, (byte) '\n') + 1;

        List<byte[]> unsound = new ArrayList<>();
        unsound.add(Arrays.copyOf(sound, sound.length / 2)); // cut short
        unsound.add(Arrays.copyOf(sound, body - 1)); // the header alone
        byte[] altered = sound.clone();
        altered[body + 20] = (byte) (altered[body + 20] == '1' ? '2' : '1'); // one byte of the body changed
        unsound.add(altered);
        unsound.add(new String(sound, StandardCharsets.UTF_8)
                .replace("\"key\":\"" + key, "\"key\":\"" + "b".repeat(64))
                .getBytes(StandardCharsets.UTF_8)); // a file renamed to another key
        unsound.add(new String(sound, StandardCharsets.UTF_8)
                .replace("\"version\":1", "\"version\":0")
                .getBytes(StandardCharsets.UTF_8)); // an older format
        unsound.add(new byte[0]);
        unsound.add("not json\nat all\n".getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : unsound) {
            Files.write(cache.file(key), bytes);
            assertEquals(Optional.empty(), cache.read(key), new String(bytes, StandardCharsets.UTF_8));
        }
        cache.write(key, inferences());
        byte[] again = Files.readAllBytes(cache.file(key));
        assertArrayEquals(
                Arrays.copyOfRange(sound, body, sound.length),
                Arrays.copyOfRange(again, indexOf(again, (byte) '\n') + 1, again.length),
                "the same inferences written again");
        assertEquals(Optional.of(inferences()), cache.read(key));
    }

    @Test
    void theDisabledCacheHasNoDirectoryReadsNothingAndWritesNothing(@TempDir Path dir) {
        KnowledgeCache off = KnowledgeCache.disabled();
        assertEquals(Optional.empty(), off.directory());
        off.write("c".repeat(64), inferences());
        assertEquals(Optional.empty(), off.read("c".repeat(64)));
    }

    @Test
    void theStandardPlaceIsTheSystemPropertyWhenSet(@TempDir Path dir) {
        String before = System.getProperty(KnowledgeCache.DIRECTORY_PROPERTY);
        try {
            System.setProperty(KnowledgeCache.DIRECTORY_PROPERTY, dir.toString());
            assertEquals(Optional.of(dir), KnowledgeCache.standard().directory());
            System.clearProperty(KnowledgeCache.DIRECTORY_PROPERTY);
            Path standard = KnowledgeCache.standard().directory().orElseThrow();
            assertEquals("asps-kg", standard.getFileName().toString());
            assertTrue(standard.isAbsolute(), standard.toString());
        } finally {
            if (before != null) System.setProperty(KnowledgeCache.DIRECTORY_PROPERTY, before);
            else System.clearProperty(KnowledgeCache.DIRECTORY_PROPERTY);
        }
    }

    @Test
    void onlyTheMostRecentlyUsedFilesAreKept(@TempDir Path dir) throws IOException {
        KnowledgeCache cache = KnowledgeCache.in(dir);
        for (int i = 0; i < 10; i++) {
            String key = String.format("%064d", i);
            cache.write(key, inferences());
            Files.setLastModifiedTime(cache.file(key), FileTime.fromMillis(1_000_000L * i));
        }
        cache.write("f".repeat(64), inferences());
        List<Path> kept = list(dir);
        assertEquals(8, kept.size(), kept.toString());
        assertTrue(kept.contains(cache.file("f".repeat(64))));
        assertFalse(kept.contains(cache.file(String.format("%064d", 0))));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted(Comparator.naturalOrder()).toList();
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }
}
