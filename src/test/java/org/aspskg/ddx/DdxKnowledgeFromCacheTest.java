package org.aspskg.ddx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.classify.KnowledgeCache;
import org.aspskg.ddx.eval.Evaluation;
import org.aspskg.ddx.eval.PipelineTextReader;
import org.aspskg.ddx.eval.PublishedCase;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankingDetail;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential knowledge built from the {@link KnowledgeCache} is the knowledge HermiT computes: the
 * same inferences, TBox and obligate features, and the same classification, ranking and exclusions of every
 * example case and every published case (free text and gold annotations). A corrupt cache file is ignored
 * and computed again; the bypass ({@code --no-knowledge-cache}) reads and writes nothing. Each load with
 * HermiT takes some 27 s of CPU: three are made here.
 */
class DdxKnowledgeFromCacheTest {
    private static final Path PUBLISHED = Path.of("eval", "published");

    @TempDir
    static Path cacheDir;

    /** Computed by HermiT (and written to the cache). */
    private static DdxKnowledge hermit;
    /** Built from the file the first load wrote. */
    private static DdxKnowledge fromCache;

    @BeforeAll
    static void load() {
        KnowledgeCache cache = KnowledgeCache.in(cacheDir);
        hermit = DdxKnowledge.load(OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES, cache);
        fromCache = DdxKnowledge.load(OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES, cache);
    }

    @Test
    void knowledgeFromTheCacheRanksEveryExampleAndPublishedCaseAsHermitsKnowledgeDoes() {
        assertFalse(hermit.reasonedFromCache());
        assertTrue(fromCache.reasonedFromCache());
        assertSameKnowledge(hermit, fromCache);
    }

    @Test
    void aCorruptCacheFileIsIgnoredAndComputedAgain(@TempDir Path dir) throws IOException {
        Path file = onlyFile(cacheDir);
        Path corrupt = dir.resolve(file.getFileName().toString());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length - 100)); // cut short, as by a full disk

        DdxKnowledge again =
                DdxKnowledge.load(OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES, KnowledgeCache.in(dir));
        assertFalse(again.reasonedFromCache(), "the corrupt file was not used");
        assertSameKnowledge(hermit, again);
        assertEquals(List.of(corrupt), list(dir));
        assertEquals(
                Files.readAllLines(file).get(1),
                Files.readAllLines(corrupt).get(1),
                "the inferences written again, whole");
    }

    /**
     * A sound file of the right key whose obligate features were emptied would change the exclusions; the
     * standard cache's directory holds one, and the bypass neither reads it nor touches the directory.
     */
    @Test
    void theBypassReadsAndWritesNothing(@TempDir Path dir) throws IOException {
        KnowledgeCache planted = KnowledgeCache.in(dir);
        String key = onlyFile(cacheDir).getFileName().toString().replaceAll("^knowledge-|\\.jsonl$", "");
        KnowledgeCache.Inferences real = KnowledgeCache.in(cacheDir).read(key).orElseThrow();
        Map<String, Map<String, Boolean>> none = new LinkedHashMap<>();
        real.obligateFeatures().keySet().forEach(h -> none.put(h, Map.of()));
        planted.write(key, new KnowledgeCache.Inferences(real.caseTBox(), none));
        DdxKnowledge withPlanted =
                DdxKnowledge.load(OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES, planted);
        assertTrue(withPlanted.reasonedFromCache());
        assertNotEquals(
                hermit.exclusion().obligateFeatures(),
                withPlanted.exclusion().obligateFeatures(),
                "the planted file is read");
        // a read marks the file used (its modification time): the bypass must leave it as it is
        Files.setLastModifiedTime(planted.file(key), FileTime.fromMillis(86_400_000L));
        byte[] before = Files.readAllBytes(planted.file(key));

        String property = System.getProperty(KnowledgeCache.DIRECTORY_PROPERTY);
        System.setProperty(KnowledgeCache.DIRECTORY_PROPERTY, dir.toString());
        DdxKnowledge bypassed;
        try {
            bypassed = DdxKnowledge.load(
                    OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES, KnowledgeCache.disabled());
        } finally {
            if (property != null) System.setProperty(KnowledgeCache.DIRECTORY_PROPERTY, property);
            else System.clearProperty(KnowledgeCache.DIRECTORY_PROPERTY);
        }
        assertFalse(bypassed.reasonedFromCache());
        assertSameKnowledge(hermit, bypassed);
        assertEquals(List.of(planted.file(key)), list(dir));
        assertEquals(FileTime.fromMillis(86_400_000L), Files.getLastModifiedTime(planted.file(key)), "not even read");
        assertEquals(new String(before), new String(Files.readAllBytes(planted.file(key))));
    }

    /** The same inferences, and every case classified, ranked and excluded alike. */
    private static void assertSameKnowledge(DdxKnowledge expected, DdxKnowledge actual) {
        assertEquals(expected.tbox().inferences(), actual.tbox().inferences());
        assertEquals(
                expected.tbox().ontology().axioms().toList().size(),
                actual.tbox().ontology().axioms().toList().size());
        assertEquals(
                new HashSet<>(expected.tbox().ontology().axioms().toList()),
                new HashSet<>(actual.tbox().ontology().axioms().toList()));
        assertEquals(expected.tbox().features(), actual.tbox().features());
        assertEquals(expected.tbox().caseClasses(), actual.tbox().caseClasses());
        assertEquals(expected.tbox().stateableClasses(), actual.tbox().stateableClasses());
        // in the same order too: a case's clashes are listed in it
        assertEquals(
                expected.exclusion().obligateFeatures().toString(),
                actual.exclusion().obligateFeatures().toString());

        int cases = 0;
        int excluding = 0;
        for (Path example : TestKnowledge.examples()) {
            CaseInput input = CaseInput.file(example);
            excluding += assertSameCase(
                    expected,
                    actual,
                    expected.pipeline().read(input),
                    actual.pipeline().read(input));
            cases++;
        }
        for (Path file : Evaluation.caseFiles(PUBLISHED)) {
            PublishedCase c = PublishedCase.read(file);
            excluding += assertSameCase(
                    expected,
                    actual,
                    new PipelineTextReader(expected).read(c.id(), c.freeText()).patientCase(),
                    new PipelineTextReader(actual).read(c.id(), c.freeText()).patientCase());
            cases++;
        }
        assertTrue(cases > 60 && excluding > 0, cases + " cases, " + excluding + " excluding a hypothesis");
        for (Evaluation.Mode mode : Evaluation.Mode.values()) {
            assertEquals(
                    new Evaluation(expected, new PipelineTextReader(expected))
                            .run(PUBLISHED, mode)
                            .json(),
                    new Evaluation(actual, new PipelineTextReader(actual))
                            .run(PUBLISHED, mode)
                            .json(),
                    mode.label());
        }
    }

    /** 1 when the case excludes a hypothesis. */
    private static int assertSameCase(DdxKnowledge expected, DdxKnowledge actual, PatientCase e, PatientCase a) {
        assertEquals(e, a, "read alike");
        CaseClassification ce;
        try {
            ce = expected.classifier().classify(e);
        } catch (ContradictoryCaseException x) {
            ContradictoryCaseException y = null;
            try {
                actual.classifier().classify(a);
            } catch (ContradictoryCaseException caught) {
                y = caught;
            }
            assertTrue(y != null, e.id() + " is contradictory with HermiT's knowledge only");
            assertEquals(x.getMessage(), y.getMessage(), e.id());
            return 0;
        }
        CaseClassification ca = actual.classifier().classify(a);
        assertEquals(ce.types(), ca.types(), e.id());
        assertEquals(ce.presentations(), ca.presentations(), e.id());
        assertEquals(ce.features(), ca.features(), e.id());
        var exclusions = expected.exclusion().excludedWithoutProofs(ce);
        assertEquals(exclusions, actual.exclusion().excludedWithoutProofs(ca), e.id());
        assertEquals(
                TestKnowledge.signature(
                        expected.pipeline().rankWithoutNextFindings(e).ranking()),
                TestKnowledge.signature(
                        actual.pipeline().rankWithoutNextFindings(a).ranking()),
                e.id());
        assertEquals(
                expected.pipeline().rankWithoutNextFindings(e).json(RankingDetail.SUMMARY),
                actual.pipeline().rankWithoutNextFindings(a).json(RankingDetail.SUMMARY),
                e.id());
        return exclusions.isEmpty() ? 0 : 1;
    }

    private static Path onlyFile(Path dir) throws IOException {
        List<Path> files = list(dir);
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.sorted().toList());
        }
    }
}
