package org.aspskg.ddx.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.riot.RDFFormat;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.rank.DemographicModel;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortGeneratorTest {
    private static final int N = 60;

    /** What a case states, without where it was written: kind and term (or value), in order. */
    private static List<String> content(PatientCase c) {
        List<String> out = new ArrayList<>();
        out.add(c.iri() + " age " + c.ageYears() + " sex " + c.sex());
        for (CaseStatement s : c.statements()) {
            out.add(s.kind() + " " + (s.term() != null ? s.term() : s.written()));
        }
        return out;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList())
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return out;
    }

    @Test
    void aCaseOfAHypothesisThatPoolsSubtypesIsDrawnFromOneSubtypeItsAgeAndFindingsTogether() {
        // osteosarcoma pools a skeletal subtype (adolescents, in bone) and an extraskeletal one (older adults,
        // in soft tissue): a case's findings follow the subtype its age was drawn from, as the ranker scores it
        String osteosarcoma = "https://w3id.org/asps-kg/Osteosarcoma";
        // cortical destruction on the radiograph: 85 % in the skeletal subtype, no row in the extraskeletal one
        String bone = "https://w3id.org/asps-kg/CorticalDestructionOnRadiograph";
        int[] young = new int[2]; // cases under 20: [cases, with bone]
        int[] old = new int[2]; // cases 60 and older
        for (CohortGenerator.GeneratedCase g :
                TestKnowledge.knowledge().cohortGenerator().generate(20_000, 11)) {
            if (!g.trueDiagnosis().equals(osteosarcoma)) continue;
            PatientCase c = g.patientCase();
            boolean inBone = c.statements().stream()
                    .anyMatch(s -> s.kind() == CaseStatement.Kind.PRESENT && bone.equals(s.term()));
            int[] group = c.ageYears() < 20 ? young : c.ageYears() >= 60 ? old : null;
            if (group == null) continue;
            group[0]++;
            if (inBone) group[1]++;
        }
        assertTrue(young[0] > 300 && old[0] > 50, "enough cases of each: " + young[0] + ", " + old[0]);
        double youngShare = (double) young[1] / young[0];
        double oldShare = (double) old[1] / old[0];
        // drawn independently of the age both shares would be the marginal (about 0.80); from one subtype the
        // old, among whom the extraskeletal subtype is frequent, show it less (0.70 against 0.83 with seed 11)
        assertTrue(youngShare > 0.75, "under 20, in bone: " + youngShare);
        assertTrue(oldShare < youngShare - 0.08, "60 and older: " + oldShare + " (under 20: " + youngShare + ")");
    }

    @Test
    void sameSeedWritesByteIdenticalFilesAndAnotherSeedAnotherCohort(@TempDir Path a, @TempDir Path b, @TempDir Path c)
            throws IOException {
        DdxKnowledge k = TestKnowledge.knowledge();
        k.cohortWriter().write(k.cohortGenerator().generate(N, 7), a, EnumSet.allOf(CohortWriter.Format.class));
        k.cohortWriter().write(k.cohortGenerator().generate(N, 7), b, EnumSet.allOf(CohortWriter.Format.class));
        k.cohortWriter().write(k.cohortGenerator().generate(N, 8), c, EnumSet.allOf(CohortWriter.Format.class));
        Map<String, byte[]> first = files(a);
        Map<String, byte[]> second = files(b);
        assertEquals(N + 4, first.size(), "json/<id>.json per case, cohort.jsonl, cohort.ttl, cohort.nt, truth.tsv");
        assertEquals(first.keySet(), second.keySet());
        for (String f : first.keySet()) assertTrue(Arrays.equals(first.get(f), second.get(f)), f + " differs");
        assertNotEquals(new String(first.get("cohort.nt")), new String(files(c).get("cohort.nt")));
    }

    @Test
    void theStreamedCohortHasTheBytesOfTheCohortWrittenFromMemory(@TempDir Path streamed, @TempDir Path held)
            throws IOException {
        DdxKnowledge k = TestKnowledge.knowledge();
        CohortWriter writer = k.cohortWriter();
        writer.write(k.cohortGenerator(), N, 5, streamed, EnumSet.allOf(CohortWriter.Format.class));
        // the reference: the whole cohort drawn first, then each format written from the list by itself
        List<CohortGenerator.GeneratedCase> cohort = k.cohortGenerator().generate(N, 5);
        Files.createDirectories(held.resolve("json"));
        StringBuilder truth = new StringBuilder("case_id\tcase_iri\ttrue_diagnosis\ttrue_diagnosis_label\n");
        StringBuilder jsonl = new StringBuilder();
        for (CohortGenerator.GeneratedCase g : cohort) {
            jsonl.append(new ObjectMapper().writeValueAsString(writer.json(g.patientCase())))
                    .append('\n');
            truth.append(g.patientCase().id())
                    .append('\t')
                    .append(g.patientCase().iri())
                    .append('\t')
                    .append(g.trueDiagnosis())
                    .append('\t')
                    .append(k.associations().label(g.trueDiagnosis()))
                    .append('\n');
            Files.writeString(
                    held.resolve("json").resolve(g.patientCase().id() + ".json"),
                    new ObjectMapper()
                                    .writer(new DefaultPrettyPrinter()
                                            .withObjectIndenter(new DefaultIndenter("  ", "\n")))
                                    .writeValueAsString(writer.json(g.patientCase()))
                            + "\n");
        }
        Files.writeString(held.resolve("truth.tsv"), truth);
        Files.writeString(held.resolve("cohort.jsonl"), jsonl);
        writer.writeRdf(cohort, held.resolve("cohort.ttl"), RDFFormat.TURTLE_BLOCKS);
        writer.writeRdf(cohort, held.resolve("cohort.nt"), RDFFormat.NTRIPLES);
        Map<String, byte[]> expected = files(held);
        Map<String, byte[]> actual = files(streamed);
        assertEquals(expected.keySet(), actual.keySet());
        for (String f : expected.keySet()) assertTrue(Arrays.equals(expected.get(f), actual.get(f)), f + " differs");
    }

    @Test
    void everyCaseReadsBackFromJsonTurtleAndNTriplesAsGeneratedAndPassesTheShapes(@TempDir Path dir)
            throws IOException {
        DdxKnowledge k = TestKnowledge.knowledge();
        List<CohortGenerator.GeneratedCase> cohort = k.cohortGenerator().generate(N, 3);
        k.cohortWriter().write(cohort, dir, EnumSet.allOf(CohortWriter.Format.class));
        List<List<String>> expected =
                cohort.stream().map(g -> content(g.patientCase())).toList();

        // the readers run the SHACL validation and fail on any violation
        List<List<String>> fromJson = new ArrayList<>();
        for (CohortGenerator.GeneratedCase g : cohort) {
            fromJson.add(content(
                    k.reader().read(dir.resolve("json").resolve(g.patientCase().id() + ".json"))));
        }
        assertEquals(expected, fromJson);
        assertEquals(expected, readTurtle(k, dir.resolve("cohort.ttl")));
        assertEquals(expected, readTurtle(k, dir.resolve("cohort.nt")));
        for (CohortGenerator.GeneratedCase g : cohort) {
            assertEquals(
                    List.of(),
                    k.shapes()
                            .validate(k.caseRdf().graph(g.patientCase()).model().getGraph()));
        }
    }

    private static List<List<String>> readTurtle(DdxKnowledge k, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<PatientCase> cases = new ArrayList<>(k.turtleReader().read(in, file.toString()));
            cases.sort(Comparator.comparing(PatientCase::iri));
            return cases.stream().map(CohortGeneratorTest::content).toList();
        }
    }

    @Test
    void casesFollowTheOntologysAssociationsAndRankTheirTrueDiagnosisFirstMoreOftenThanChance() {
        DdxKnowledge k = TestKnowledge.knowledge();
        List<CohortGenerator.GeneratedCase> cohort = k.cohortGenerator().generate(600, 11);
        Set<String> associated = new TreeSet<>();
        k.associations().all().forEach(a -> associated.add(a.feature()));
        Set<String> diagnoses = new TreeSet<>();
        int top1 = 0;
        int withAbsent = 0;
        int youngAsps = 0;
        int asps = 0;
        int youngOther = 0;
        for (CohortGenerator.GeneratedCase g : cohort) {
            diagnoses.add(g.trueDiagnosis());
            PatientCase c = g.patientCase();
            for (CaseStatement s : c.statements()) {
                if (s.term() != null) assertTrue(associated.contains(s.term()), s.term() + " is in no association");
            }
            if (!c.statements(CaseStatement.Kind.ABSENT).isEmpty()) withAbsent++;
            DifferentialRanking r = TestKnowledge.rank(c);
            if (r.top().disease().equals(g.trueDiagnosis())) top1++;
            if (g.trueDiagnosis().endsWith("/AlveolarSoftPartSarcoma")) {
                asps++;
                if (c.ageYears() >= 18 && c.ageYears() <= 39) youngAsps++;
            } else if (c.ageYears() >= 18 && c.ageYears() <= 39) {
                youngOther++;
            }
        }
        assertEquals(new TreeSet<>(k.associations().hypotheses()), diagnoses);
        assertTrue(withAbsent > cohort.size() / 2, withAbsent + " cases state an absent finding");
        // ages 18-39 are 22 of 85 possible ages; the sources make young adults typical of ASPS, more than of
        // the other five (osteosarcoma in adolescents, UPS and angiosarcoma in older adults)
        double aspsShare = (double) youngAsps / asps;
        double otherShare = (double) youngOther / (cohort.size() - asps);
        assertTrue(aspsShare > 22.0 / 85 + 0.05, youngAsps + " of " + asps + " ASPS cases are young adults");
        assertTrue(aspsShare > otherShare + 0.05, "ASPS " + aspsShare + " vs the others " + otherShare);
        // chance is one in six; the differentials with one or two associations are often outranked
        assertTrue(
                top1 > 2 * cohort.size() / diagnoses.size(),
                top1 + " of " + cohort.size() + " ranked their true diagnosis first");
    }

    @Test
    void agesAndSexesAreDrawnFromTheDistributionTheRankerWeighsThemBy() {
        DdxKnowledge k = TestKnowledge.knowledge();
        DemographicModel model = k.demographicModel();
        List<CohortGenerator.GeneratedCase> cohort = k.cohortGenerator().generate(6000, 5);
        String[] sexes = {"female", "male"};
        int[][] bands = {{1, 17}, {18, 39}, {40, 59}, {60, 85}};
        for (String h : k.associations().hypotheses()) {
            int n = 0;
            Map<String, Integer> counts = new HashMap<>();
            for (CohortGenerator.GeneratedCase g : cohort) {
                if (!g.trueDiagnosis().equals(h)) continue;
                n++;
                PatientCase c = g.patientCase();
                for (int[] b : bands) {
                    if (c.ageYears() >= b[0] && c.ageYears() <= b[1])
                        counts.merge(b[0] + " " + c.sex().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                }
            }
            assertTrue(n > 800, n + " cases of " + h);
            for (int[] b : bands) {
                for (String sex : sexes) {
                    // the bands are unions of the model's cells (0–9, 10–17 | 18–19, 20–29, 30–39 | 40–59 | 60+)
                    double expected = 0;
                    for (int start : CELL_STARTS) {
                        if (Math.max(start, 1) >= b[0] && Math.max(start, 1) <= b[1])
                            expected += model.probability(h, start, sex);
                    }
                    double seen = counts.getOrDefault(b[0] + " " + sex, 0) / (double) n;
                    // binomial standard error at n > 800 is at most 0.018, about 0.014 where the share is 0.25
                    assertEquals(expected, seen, 0.05, h + " " + b[0] + "-" + b[1] + " " + sex);
                }
            }
        }
    }

    /** The first year of each of the demographic model's age cells. */
    private static final int[] CELL_STARTS = {0, 10, 18, 20, 30, 40, 60};
}
