package org.aspskg.ddx.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.LikelihoodRatioDerivation;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hypothesis that pools subtypes (osteosarcoma of bone and of soft tissue; angiosarcoma of the skin, of deep soft
 * tissue or organs, of the breast or a radiation field, of bone) is weighed as the mixture
 * P(case | h) = Σ_k w_k P(case | h, k); the others as before.
 */
class SubtypeMixtureTest {
    private static final String OSTEOSARCOMA = AspsVocabulary.iri("Osteosarcoma");
    private static final String SKELETAL = AspsVocabulary.iri("SkeletalOsteosarcoma");
    private static final String EXTRASKELETAL = AspsVocabulary.iri("ExtraskeletalOsteosarcoma");
    private static final String VASCULAR = AspsVocabulary.iri("VascularMalformation");
    private static final String ARTERIOVENOUS = AspsVocabulary.iri("ArteriovenousMalformation");
    private static final String VENOUS = AspsVocabulary.iri("VenousMalformation");
    private static final String ANGIOSARCOMA = AspsVocabulary.iri("Angiosarcoma");
    private static final String CUTANEOUS = AspsVocabulary.iri("CutaneousAngiosarcoma");
    private static final String DEEP_SOFT_TISSUE = AspsVocabulary.iri("DeepSoftTissueAngiosarcoma");

    /** A painful, haemorrhagic, epithelioid deep thigh mass of a man in his sixties: what the soft-tissue series describe. */
    private static final String DEEP_ANGIOSARCOMA_CASE = """
            {"id": "d", "age": 64, "sex": "male",
             "findings": ["thigh", "deep soft tissue", "epithelioid tumour cells", "haemorrhage",
                          "pain at the lesion site"]}""";

    /** An old man's tumour of the skin of the head and neck: what the cutaneous series describe. */
    private static final String SCALP_CASE = """
            {"id": "s", "age": 78, "sex": "male", "findings": ["skin of head and neck"]}""";

    /** A 70-year-old woman's mineralised, necrotic deep thigh mass: what the extraskeletal series describe. */
    private static final String EXTRASKELETAL_CASE = """
            {"id": "x", "age": 70, "sex": "female",
             "findings": ["thigh", "deep soft tissue", "calcification on CT", "necrosis on MRI", "oedema on MRI"]}""";

    private static final String BONE_CASE = """
            {"id": "b", "age": 15, "sex": "male",
             "findings": ["distal femur", "sunburst periosteal reaction", "Codman triangle"]}""";

    private static final String FLOW_VOID_CASE = """
            {"id": "a", "age": 24, "sex": "female",
             "findings": ["thigh", "deep soft tissue", "flow voids", "T2 hyperintense"], "absent": ["calcification on CT"]}""";

    private static final List<String> CASES =
            List.of(EXTRASKELETAL_CASE, BONE_CASE, FLOW_VOID_CASE, DEEP_ANGIOSARCOMA_CASE, SCALP_CASE);

    @TempDir
    static Path dir;

    private static DifferentialPipeline mixture;
    private static DifferentialPipeline withoutMixture;
    private static DifferentialPipeline oneSubtype;
    private static DifferentialPipeline skeletalOnly;
    private static Model compiledModel;

    @BeforeAll
    static void load() throws Exception {
        Model compiled = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
        compiledModel = compiled;
        mixture = pipeline(compiled, "mixture.ttl");
        // no weight nodes: osteosarcoma is ranked on its own nodes (the marginal over its subtypes)
        Model plain = ModelFactory.createDefaultModel().add(compiled);
        removeWeights(plain, null);
        withoutMixture = pipeline(plain, "plain.ttl");
        // one subtype whose nodes are copies of the hypothesis' own: the mixture must rank exactly as without it
        Model one = ModelFactory.createDefaultModel().add(plain);
        String only = AspsVocabulary.iri("OnlySubtype");
        List<Statement> copies = new ArrayList<>();
        for (Resource node : one.listSubjectsWithProperty(
                        AspsVocabulary.ABOUT_DISEASE, one.createResource(OSTEOSARCOMA))
                .toList()) {
            if (!node.hasProperty(RDF.type, AspsVocabulary.DERIVED_LIKELIHOOD_RATIO)
                    || node.hasProperty(AspsVocabulary.ABOUT_SUBTYPE)) continue;
            Resource copy =
                    one.createResource(node.getURI().replace("/derived/Osteosarcoma-", "/derived/OnlySubtype-"));
            for (Statement s : node.listProperties().toList())
                copies.add(one.createStatement(copy, s.getPredicate(), s.getObject()));
            copies.add(one.createStatement(copy, AspsVocabulary.ABOUT_SUBTYPE, one.createResource(only)));
        }
        one.add(copies);
        Resource weight = one.createResource(LikelihoodRatioDerivation.DERIVED_NS + "Osteosarcoma-subtype-OnlySubtype");
        weight.addProperty(RDF.type, AspsVocabulary.DERIVED_SUBTYPE_WEIGHT)
                .addProperty(AspsVocabulary.ABOUT_DISEASE, one.createResource(OSTEOSARCOMA))
                .addProperty(AspsVocabulary.ABOUT_SUBTYPE, one.createResource(only))
                .addLiteral(AspsVocabulary.FREQUENCY, one.createTypedLiteral(new java.math.BigDecimal("1")));
        oneSubtype = pipeline(one, "one.ttl");
        // the skeletal subtype alone (the extraskeletal one's weight removed)
        Model skeletal = ModelFactory.createDefaultModel().add(compiled);
        removeWeights(skeletal, EXTRASKELETAL);
        skeletalOnly = pipeline(skeletal, "skeletal.ttl");
    }

    /** Removes the subtype weight nodes and the subtypes' derived nodes (of one subtype, or all when null). */
    private static void removeWeights(Model m, String subtype) {
        for (Resource node :
                m.listSubjectsWithProperty(AspsVocabulary.ABOUT_SUBTYPE).toList()) {
            if (subtype == null || node.hasProperty(AspsVocabulary.ABOUT_SUBTYPE, m.createResource(subtype)))
                m.removeAll(node, null, null);
        }
    }

    private static DifferentialPipeline pipeline(Model m, String name) throws Exception {
        Path file = dir.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            RDFDataMgr.write(out, m, Lang.TURTLE);
        }
        return DdxKnowledge.load(file, DdxKnowledge.DEFAULT_SHAPES).pipeline();
    }

    private static boolean isMixture(String hypothesis) {
        return org.aspskg.ddx.TestKnowledge.knowledge().associations().isMixture(hypothesis);
    }

    private static DifferentialRanking rank(DifferentialPipeline p, String json) {
        return p.rank(p.read(CaseInput.json(json, "x.json"))).ranking();
    }

    private static RankedHypothesis hypothesis(DifferentialRanking r, String disease) {
        return r.hypotheses().stream()
                .filter(h -> h.disease().equals(disease))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aMixtureOfOneSubtypeRanksExactlyAsThePlainHypothesis() {
        for (String json : CASES) {
            DifferentialRanking plain = rank(withoutMixture, json);
            DifferentialRanking one = rank(oneSubtype, json);
            for (RankedHypothesis h : plain.hypotheses()) {
                assertEquals(
                        h.postTestProbability(),
                        hypothesis(one, h.disease()).postTestProbability(),
                        1e-12,
                        h.label() + " in " + json);
                assertEquals(
                        h.log10LikelihoodRatio(), hypothesis(one, h.disease()).log10LikelihoodRatio(), 1e-12);
            }
        }
    }

    @Test
    void hypothesesWithoutSubtypesAreWeighedExactlyAsWithoutTheMixture() {
        for (String json : CASES) {
            DifferentialRanking with = rank(mixture, json);
            DifferentialRanking without = rank(withoutMixture, json);
            String asps = AspsVocabulary.iri("AlveolarSoftPartSarcoma");
            for (RankedHypothesis h : with.hypotheses()) {
                if (isMixture(h.disease()) || h.disease().equals(asps)) continue;
                // their likelihoods are unchanged: so are their posterior odds against each other
                double odds = h.postTestProbability() / hypothesis(with, asps).postTestProbability();
                double before = hypothesis(without, h.disease()).postTestProbability()
                        / hypothesis(without, asps).postTestProbability();
                assertEquals(before, odds, 1e-9 * before, h.label() + " in " + json);
                List<Double> frequencies = h.evidence().stream()
                        .map(e -> e.association().frequency())
                        .sorted()
                        .toList();
                assertEquals(
                        hypothesis(without, h.disease()).evidence().stream()
                                .map(e -> e.association().frequency())
                                .sorted()
                                .toList(),
                        frequencies,
                        h.label());
            }
        }
    }

    @Test
    void anExtraskeletalCaseGainsOsteosarcomaProbabilityAndItsEvidenceNamesTheSubtype() {
        DifferentialRanking with = rank(mixture, EXTRASKELETAL_CASE);
        DifferentialRanking bone = rank(skeletalOnly, EXTRASKELETAL_CASE);
        double p = hypothesis(with, OSTEOSARCOMA).postTestProbability();
        double pBone = hypothesis(bone, OSTEOSARCOMA).postTestProbability();
        assertTrue(p > 10 * pBone, "mixture " + p + " against the bone tumour alone " + pBone);
        for (Evidence e : hypothesis(with, OSTEOSARCOMA).evidence()) {
            assertEquals(EXTRASKELETAL, e.association().disease(), e.toString());
            assertTrue(
                    e.association().label().startsWith("extraskeletal osteosarcoma"),
                    e.association().label());
        }
        // a teenager's distal femur with periosteal reactions is the bone tumour: its evidence is the skeletal
        // subtype's
        for (Evidence e : hypothesis(rank(mixture, BONE_CASE), OSTEOSARCOMA).evidence()) {
            assertEquals(SKELETAL, e.association().disease(), e.toString());
        }
    }

    @Test
    void theSubtypeWeightsComeFromTheSharesAndAddUpToOne() {
        var components = org.aspskg.ddx.TestKnowledge.knowledge().associations().components(OSTEOSARCOMA);
        assertEquals(
                List.of(EXTRASKELETAL, SKELETAL),
                components.stream().map(c -> c.iri()).toList());
        assertEquals(1.0, components.stream().mapToDouble(c -> c.weight()).sum(), 1e-12);
        // Thampi 2014: 256 of 4173 high-grade osteosarcomas arose in soft tissue, (256 + 1/2) / (4173 + 1)
        assertEquals(256.5 / 4174, components.get(0).weight(), 1e-4);
        assertTrue(components.get(0).references().stream().anyMatch(r -> r.iri().contains("thampi2014")));
    }

    /**
     * The shares the table gives a hypothesis' subtypes (rows whose feature is the subtype), each estimated as the
     * derivation estimates a frequency: a count k/n as (k + 1/2)/(n + 1), a proportion as written.
     */
    private static Map<String, Double> tableShares(String hypothesis, List<String> subtypes) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("ontology/tables/associations.tsv"));
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int disease = header.indexOf("disease");
        int feature = header.indexOf("feature");
        int frequency = header.indexOf("frequency");
        Map<String, Double> shares = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            if (cells.length <= frequency || !expand(cells[disease]).equals(hypothesis)) continue;
            String subtype = expand(cells[feature]);
            if (!subtypes.contains(subtype)) continue;
            String f = cells[frequency];
            double share = f.contains("/")
                    ? (Long.parseLong(f.split("/")[0]) + 0.5) / (Long.parseLong(f.split("/")[1]) + 1.0)
                    : Double.parseDouble(f);
            assertEquals(null, shares.put(subtype, share), "one share row per subtype: " + subtype);
        }
        return shares;
    }

    private static String expand(String curie) {
        return curie.startsWith("aspskg:") ? AspsVocabulary.iri(curie.substring("aspskg:".length())) : curie;
    }

    @Test
    void theVascularMalformationPoolsVenousAndArteriovenousMalformationWithTheSharesOfItsRows() throws Exception {
        var components = org.aspskg.ddx.TestKnowledge.knowledge().associations().components(VASCULAR);
        assertEquals(
                List.of(ARTERIOVENOUS, VENOUS),
                components.stream().map(c -> c.iri()).toList());
        Map<String, Double> shares = tableShares(VASCULAR, List.of(ARTERIOVENOUS, VENOUS));
        assertEquals(2, shares.size(), "a share row for each subtype: " + shares);
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        for (var c : components) {
            // the weight nodes carry four decimals
            assertEquals(shares.get(c.iri()) / total, c.weight(), 1e-4, c.iri());
        }
        assertEquals(1.0, components.stream().mapToDouble(c -> c.weight()).sum(), 1e-12);
    }

    private static Resource derived(String name) {
        Resource node = compiledModel.getResource(LikelihoodRatioDerivation.DERIVED_NS + name);
        assertTrue(compiledModel.containsResource(node), "no derived node " + name);
        return node;
    }

    private static double frequency(String name) {
        return derived(name).getProperty(AspsVocabulary.FREQUENCY).getDouble();
    }

    @Test
    void localWarmthOfTheArteriovenousRowsNoLongerWeighsAsIfEveryVascularMalformationHadIt() {
        double arteriovenous = frequency("ArteriovenousMalformation-LocalWarmth");
        double venous = frequency("VenousMalformation-LocalWarmth");
        // the arteriovenous subtype has the AVM series' rows; no venous malformation row reports warmth
        assertTrue(
                derived("ArteriovenousMalformation-LocalWarmth")
                        .listProperties(AspsVocabulary.DERIVED_FROM)
                        .toList()
                        .stream()
                        .anyMatch(st -> st.getObject().toString().contains("avm-local-warmth")),
                "the arteriovenous subtype's warmth rests on the AVM rows");
        assertTrue(derived("VenousMalformation-LocalWarmth")
                .getProperty(AspsVocabulary.FREQUENCY_IS_ASSUMED)
                .getBoolean());
        double w = frequency("VascularMalformation-subtype-ArteriovenousMalformation");
        assertEquals(1 - w, frequency("VascularMalformation-subtype-VenousMalformation"), 1e-9);
        // the hypothesis' own frequency (the other hypotheses' means, the queries) is the mixture's, not the AVM's
        double marginal = frequency("VascularMalformation-LocalWarmth");
        assertEquals(w * arteriovenous + (1 - w) * venous, marginal, 1e-9);
        assertTrue(marginal < arteriovenous, marginal + " against " + arteriovenous);
        // a warm mass: the evidence for vascular malformation is the arteriovenous subtype's, and only that
        // subtype's share of the cases is warm
        String warm = """
                {"id": "w", "findings": ["local warmth"]}""";
        RankedHypothesis vm = hypothesis(rank(mixture, warm), VASCULAR);
        assertTrue(vm.evidence().stream()
                .anyMatch(e -> e.association().disease().equals(ARTERIOVENOUS)
                        && e.association().feature().equals(AspsVocabulary.iri("LocalWarmth"))));
    }

    @Test
    void angiosarcomaPoolsItsSubtypesWithTheSharesOfItsTableRows() throws Exception {
        var components = org.aspskg.ddx.TestKnowledge.knowledge().associations().components(ANGIOSARCOMA);
        // the share rows: angiosarcoma rows whose feature is one of its subtypes, each a count k/n, smoothed as
        // (k + 1/2) / (n + 1) and normalised over the subtypes
        java.util.Map<String, Double> smoothed = new java.util.TreeMap<>();
        List<String> rows = Files.readAllLines(Path.of("ontology/tables/associations.tsv"));
        List<String> header = List.of(rows.get(0).split("\t", -1));
        for (String line : rows.subList(1, rows.size())) {
            String[] c = line.split("\t", -1);
            if (c.length < header.size() || !c[header.indexOf("disease")].equals("aspskg:Angiosarcoma")) continue;
            String feature = AspsVocabulary.iri(c[header.indexOf("feature")].substring("aspskg:".length()));
            if (components.stream().noneMatch(k -> k.iri().equals(feature))) continue;
            String[] count = c[header.indexOf("frequency")].split("/");
            smoothed.merge(
                    feature, (Double.parseDouble(count[0]) + 0.5) / (Double.parseDouble(count[1]) + 1), Double::sum);
        }
        assertEquals(
                List.of(
                        AspsVocabulary.iri("BoneAngiosarcoma"),
                        AspsVocabulary.iri("BreastOrRadiationAssociatedAngiosarcoma"),
                        CUTANEOUS,
                        DEEP_SOFT_TISSUE),
                components.stream().map(c -> c.iri()).toList());
        assertEquals(
                List.copyOf(smoothed.keySet()),
                components.stream().map(c -> c.iri()).toList());
        double total =
                smoothed.values().stream().mapToDouble(Double::doubleValue).sum();
        for (var k : components) {
            // to the precision the derived share nodes are written with
            assertEquals(smoothed.get(k.iri()) / total, k.weight(), 1e-4, k.iri());
            assertTrue(k.references().stream().anyMatch(r -> r.iri().contains("abraham2007")), k.iri());
        }
        assertEquals(1.0, components.stream().mapToDouble(c -> c.weight()).sum(), 1e-12);
        // the cutaneous subtype is the largest share, as every source says
        assertEquals(
                CUTANEOUS,
                components.stream()
                        .max(java.util.Comparator.comparingDouble(c -> c.weight()))
                        .orElseThrow()
                        .iri());
    }

    @Test
    void aDeepSoftTissueAngiosarcomaDrawsItsEvidenceFromTheSoftTissueSubtype() {
        DifferentialRanking with = rank(mixture, DEEP_ANGIOSARCOMA_CASE);
        DifferentialRanking pooled = rank(withoutMixture, DEEP_ANGIOSARCOMA_CASE);
        assertTrue(
                hypothesis(with, ANGIOSARCOMA).postTestProbability()
                        > hypothesis(pooled, ANGIOSARCOMA).postTestProbability(),
                "mixture " + hypothesis(with, ANGIOSARCOMA).postTestProbability() + " against the pooled rows "
                        + hypothesis(pooled, ANGIOSARCOMA).postTestProbability());
        assertTrue(!hypothesis(with, ANGIOSARCOMA).evidence().isEmpty());
        for (Evidence e : hypothesis(with, ANGIOSARCOMA).evidence()) {
            assertEquals(DEEP_SOFT_TISSUE, e.association().disease(), e.toString());
            assertTrue(
                    e.association().label().startsWith("angiosarcoma of deep soft tissue or organs"),
                    e.association().label());
        }
        // an old man's scalp tumour is the cutaneous subtype's
        for (Evidence e : hypothesis(rank(mixture, SCALP_CASE), ANGIOSARCOMA).evidence()) {
            assertEquals(CUTANEOUS, e.association().disease(), e.toString());
        }
    }
}
