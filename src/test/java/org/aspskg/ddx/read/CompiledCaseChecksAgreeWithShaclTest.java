package org.aspskg.ddx.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.CaseGraph;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * The case shapes compiled into checks on a JSON case ({@link CompiledCaseShapes}) give the verdicts
 * jena-shacl gives on the case's RDF form ({@link CaseRdf#graph}), result by result: the same source
 * shape, constraint component, focus (the case), path and offending statement. Checked on every JSON
 * case of the test corpus and the examples, on a seeded sample of valid cases mutated key by key
 * (dropped, wrong type, out of range, unknown or duplicate names, a second sex, groups alone, ...),
 * and on cases whose classes are filed under the wrong case property (so that every constraint of the
 * shapes, not only those a JSON case can break today, is held to the reference).
 * {@code -Dagreement.tries=N} and {@code -Dagreement.seed=S} set the sample.
 */
class CompiledCaseChecksAgreeWithShaclTest {
    static final int TRIES = Integer.getInteger("agreement.tries", 400);
    static final long SEED = Long.getLong("agreement.seed", 18L);
    static final ObjectMapper JSON = new ObjectMapper();

    static DdxKnowledge knowledge;
    static CompiledCaseShapes compiled;
    static JsonCaseReader reader;

    @BeforeAll
    static void load() {
        knowledge = TestKnowledge.knowledge();
        compiled = knowledge.compiledShapes().orElseThrow(() -> new AssertionError("the case shapes did not compile"));
        reader = knowledge.jsonReader();
    }

    /** What both validators said about one case. */
    record Verdicts(Set<String> compiled, Set<String> shacl) {
        boolean valid() {
            return shacl.isEmpty();
        }
    }

    /** Both validators on one case; every result as "shape | component | path | value", the focus checked to be the case. */
    static Verdicts verdicts(PatientCase c, CompiledCaseShapes checks, CaseRdf rdf) {
        Set<String> own = new TreeSet<>();
        for (CompiledCaseShapes.Violation v : checks.check(c)) {
            String value = v.statement() == CompiledCaseShapes.NO_STATEMENT && v.value() != null
                    ? v.value()
                    : statementKey(c, v.statement());
            own.add(key(v.shape(), v.component(), v.path(), value));
        }
        CaseGraph g = rdf.graph(c);
        Node caseNode = g.caseResource().asNode();
        Set<String> reference = new TreeSet<>();
        for (CaseShapes.Violation v : knowledge.shapes().validate(g.model().getGraph())) {
            assertEquals(caseNode, v.focus(), () -> c.id() + ": a SHACL result on another node than the case: " + v);
            String value;
            if (v.value() == null) {
                value = "-";
            } else if (v.value().isURI()) {
                value = v.value().getURI();
            } else if (v.value().isLiteral()) {
                value = "age " + v.value().getLiteralLexicalForm();
            } else {
                Integer i = g.statementOfNode().get(v.value());
                value = i == null ? v.value().toString() : statementKey(c, i);
            }
            String path = v.predicate() != null ? v.predicate().getURI() : v.path();
            reference.add(key(
                    v.shape().isURI() ? v.shape().getURI() : v.shape().toString(),
                    v.component().getURI(),
                    path,
                    value));
        }
        return new Verdicts(own, reference);
    }

    static String statementKey(PatientCase c, int i) {
        if (i == CompiledCaseShapes.NO_STATEMENT) return "-";
        CaseStatement st = c.statements().get(i);
        return st.kind() == CaseStatement.Kind.AGE ? "age " + st.written() : "statement " + i;
    }

    static String key(String shape, String component, String path, String value) {
        return shape.replace("https://w3id.org/asps-kg/shapes/", "aspsh:") + " | "
                + component.replace("http://www.w3.org/ns/shacl#", "sh:") + " | " + path + " | " + value;
    }

    /** The case a JSON text reads to before the shapes, or null when the reader refuses it on its own. */
    static PatientCase readOrNull(String json, String source) {
        try {
            return reader.readWithoutShapes(json, source);
        } catch (CaseInputException e) {
            return null;
        } catch (org.aspskg.AspsKgException e) {
            return null; // a contradiction found on reading, or the like: not the shapes' business
        }
    }

    static void assertAgree(String what, PatientCase c, Verdicts v) {
        assertEquals(v.shacl(), v.compiled(), () -> what + " (" + c.statements() + "): compiled checks vs jena-shacl");
    }

    /** Every JSON case input of the test corpus and the examples: the request bodies of bad/http-ddx and the files of bad/ddx. */
    static List<Map.Entry<String, String>> corpus() throws IOException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String dir : List.of("src/test/resources/bad/ddx", "ontology/examples")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    out.add(Map.entry(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8)));
                }
            }
        }
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/bad/http-ddx"))) {
            for (Path f :
                    files.filter(f -> f.toString().endsWith(".http")).sorted().toList()) {
                String request = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                int body = request.indexOf("\r\n\r\n");
                if (body < 0
                        || !request.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json")) {
                    continue;
                }
                out.add(Map.entry(f.toString(), request.substring(body + 4)));
            }
        }
        return out;
    }

    @Test
    void compiledChecksGiveShaclsVerdictOnEveryJsonCaseOfTheCorpus() throws IOException {
        int read = 0;
        int violating = 0;
        for (Map.Entry<String, String> input : corpus()) {
            PatientCase c = readOrNull(input.getValue(), input.getKey());
            if (c == null) continue;
            read++;
            Verdicts v = verdicts(c, compiled, knowledge.caseRdf());
            assertAgree(input.getKey(), c, v);
            if (!v.valid()) violating++;
        }
        // the corpus holds shape-violating JSON cases (age out of range, two sexes, groups alone) and valid ones
        assertTrue(violating >= 4, "shape-violating JSON cases in the corpus: " + violating);
        assertTrue(read - violating >= 10, "valid JSON cases in the corpus: " + (read - violating));
    }

    @Test
    void compiledChecksGiveShaclsVerdictOnMutatedValidCases() throws IOException {
        Names names = Names.of(knowledge);
        List<ObjectNode> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestKnowledge.EXAMPLES)) {
            for (Path f :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                seeds.add((ObjectNode) JSON.readTree(f.toFile()));
            }
        }
        Random random = new Random(SEED);
        int refused = 0;
        Map<String, Integer> byShape = new HashMap<>();
        int valid = 0;
        for (int t = 0; t < TRIES; t++) {
            ObjectNode c = seeds.get(random.nextInt(seeds.size())).deepCopy();
            int mutations = 1 + random.nextInt(3);
            List<String> done = new ArrayList<>();
            for (int m = 0; m < mutations; m++) done.add(mutate(c, random, names));
            String json = JSON.writeValueAsString(c);
            String what = "seed " + SEED + " try " + t + " " + done + ": " + json;
            PatientCase read = readOrNull(json, "fuzz-" + t);
            if (read == null) {
                refused++;
                continue;
            }
            Verdicts v = verdicts(read, compiled, knowledge.caseRdf());
            assertAgree(what, read, v);
            if (v.valid()) valid++;
            for (String k : v.shacl()) byShape.merge(k.substring(0, k.indexOf(" | ")), 1, Integer::sum);
        }
        // the sample reaches the shapes, both ways, and breaks each kind of constraint a JSON case can break
        assertTrue(valid >= TRIES / 10, "valid mutated cases: " + valid);
        for (String shape : List.of("aspsh:CaseAge", "aspsh:CaseSex", "aspsh:CaseEvidenceShape")) {
            assertTrue(byShape.getOrDefault(shape, 0) >= 3, "results of " + shape + " in the sample: " + byShape);
        }
        assertTrue(refused < TRIES, "every mutated case was refused by the reader before the shapes");
    }

    @Test
    void compiledChecksGiveShaclsVerdictWhenClassesAreFiledUnderTheWrongProperty() {
        // A case property map that files some findings as sites, some sites as groups, some groups as
        // findings, and one class under a property the closed case shape does not allow: the shapes' class
        // checks, the absent statements' restriction check, the evidence check and the closed shape all fire.
        Map<String, String> property = new HashMap<>(knowledge.tbox().casePropertyIris());
        Random random = new Random(SEED);
        List<String> all = new ArrayList<>(new TreeSet<>(property.keySet()));
        String unknownProperty = AspsVocabulary.NS + "hasDiagnosis";
        List<String> props = List.of(
                AspsVocabulary.HAS_FINDING.getURI(),
                AspsVocabulary.HAS_LESION_SITE.getURI(),
                AspsVocabulary.IN_DEMOGRAPHIC_GROUP.getURI());
        List<String> groups = all.stream()
                .filter(c -> property.get(c).equals(AspsVocabulary.IN_DEMOGRAPHIC_GROUP.getURI()))
                .toList();
        for (String c : all) {
            if (random.nextInt(4) == 0) property.put(c, props.get(random.nextInt(props.size())));
        }
        property.put(all.get(random.nextInt(all.size())), unknownProperty);
        CaseRdf misfiled = new CaseRdf(knowledge.demographics(), property);
        CompiledCaseShapes checks = CompiledCaseShapes.compileOrFail(
                knowledge.shapes().shapesGraph(), knowledge.shapes().hierarchy(), misfiled);
        Map<String, Integer> byComponent = new HashMap<>();
        for (int t = 0; t < TRIES; t++) {
            List<CaseStatement> statements = new ArrayList<>();
            SourcePosition at = SourcePosition.of("misfiled-" + t);
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                String term = random.nextInt(8) == 0
                        ? groups.get(random.nextInt(groups.size()))
                        : all.get(random.nextInt(all.size()));
                switch (random.nextInt(6)) {
                    case 0 ->
                        statements.add(CaseStatement.age(
                                List.of(-1, 0, 24, 150, 151, 9999).get(random.nextInt(6)), at));
                    case 1 -> statements.add(CaseStatement.sex(random.nextBoolean() ? "female" : "male", at));
                    case 2, 3 -> statements.add(CaseStatement.absent(term, term, term, at));
                    default -> statements.add(CaseStatement.present(term, term, term, at));
                }
            }
            PatientCase c = new PatientCase(
                    AspsVocabulary.CASE_NS + "misfiled-" + t, "misfiled-" + t, null, null, null, statements, at.file());
            Verdicts v = verdicts(c, checks, misfiled);
            assertAgree("seed " + SEED + " misfiled try " + t, c, v);
            for (String k : v.shacl()) byComponent.merge(k.split(" \\| ")[1], 1, Integer::sum);
        }
        for (String component : List.of(
                "sh:ClassConstraintComponent",
                "sh:OrConstraintComponent",
                "sh:ClosedConstraintComponent",
                "sh:QualifiedMaxCountConstraintComponent",
                "sh:MaxCountConstraintComponent",
                "sh:MinInclusiveConstraintComponent",
                "sh:MaxInclusiveConstraintComponent")) {
            assertTrue(byComponent.getOrDefault(component, 0) >= 1, "results of " + component + ": " + byComponent);
        }
    }

    /** Names a mutated case may use: findings, sites and groups by label or CURIE. */
    record Names(List<String> any, List<String> groups, List<String> sexes) {
        static Names of(DdxKnowledge k) {
            List<String> any = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (OWLClass c : new TreeSet<>(k.tbox().stateableClasses())) {
                String iri = c.getIRI().toString();
                String name = k.terms().label(iri);
                any.add(name);
                any.add(k.terms().curie(iri));
                if (k.tbox().casePropertyIris().get(iri).equals(AspsVocabulary.IN_DEMOGRAPHIC_GROUP.getURI())) {
                    groups.add(name);
                }
            }
            return new Names(any, groups, List.of("females", "males", "female", "male", "female sex"));
        }
    }

    /** One key-level mutation of a JSON case; what it did, for the failure message. */
    static String mutate(ObjectNode c, Random r, Names names) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(14)) {
            case 0 -> {
                List<String> keys = new ArrayList<>();
                c.fieldNames().forEachRemaining(keys::add);
                if (keys.isEmpty()) return "nothing to drop";
                String k = keys.get(r.nextInt(keys.size()));
                c.remove(k);
                return "drop " + k;
            }
            case 1 -> {
                JsonNode age = List.<JsonNode>of(
                                f.numberNode(-1),
                                f.numberNode(-100),
                                f.numberNode(0),
                                f.numberNode(150),
                                f.numberNode(151),
                                f.numberNode(200),
                                f.numberNode(Integer.MAX_VALUE),
                                f.numberNode(Integer.MIN_VALUE),
                                f.textNode("x"),
                                f.numberNode(30.5),
                                f.nullNode(),
                                f.booleanNode(true))
                        .get(r.nextInt(12));
                c.set("age", age);
                return "age " + age;
            }
            case 2 -> {
                JsonNode sex = List.<JsonNode>of(
                                f.textNode("female"),
                                f.textNode("male"),
                                f.textNode("robot"),
                                f.numberNode(1),
                                f.nullNode(),
                                f.arrayNode().add("female"))
                        .get(r.nextInt(6));
                c.set("sex", sex);
                return "sex " + sex;
            }
            case 3, 4 -> {
                String key = r.nextBoolean() ? "findings" : "absent";
                String name = names.any().get(r.nextInt(names.any().size()));
                list(c, key).add(name);
                return "add to " + key + " " + name;
            }
            case 5 -> {
                ArrayNode findings = list(c, "findings");
                if (findings.isEmpty()) return "no finding to duplicate";
                findings.add(findings.get(r.nextInt(findings.size())).deepCopy());
                return "duplicate a finding";
            }
            case 6 -> {
                ArrayNode groups = f.arrayNode();
                for (int i = 0; i <= r.nextInt(2); i++)
                    groups.add(names.groups().get(r.nextInt(names.groups().size())));
                c.set("findings", groups);
                c.remove("absent");
                return "findings are groups only " + groups;
            }
            case 7 -> {
                c.set("findings", f.arrayNode());
                ArrayNode absent = f.arrayNode();
                for (int i = 0; i < r.nextInt(3); i++)
                    absent.add(names.any().get(r.nextInt(names.any().size())));
                c.set("absent", absent);
                return "absent only " + absent;
            }
            case 8 -> {
                list(c, "findings").add("unicorn horn");
                return "unknown finding";
            }
            case 9 -> {
                JsonNode wrong = List.<JsonNode>of(
                                f.textNode("thigh"),
                                f.numberNode(12),
                                f.objectNode(),
                                f.arrayNode().add(1))
                        .get(r.nextInt(4));
                c.set(r.nextBoolean() ? "findings" : "absent", wrong);
                return "wrong type " + wrong;
            }
            case 10 -> {
                ArrayNode findings = list(c, "findings");
                list(c, "absent").addAll(findings);
                c.set("findings", f.arrayNode());
                return "findings moved to absent";
            }
            case 11 -> {
                c.put("diagnosis", "ASPS");
                return "unknown key";
            }
            case 12 -> {
                String sex = names.sexes().get(r.nextInt(names.sexes().size()));
                list(c, "findings").add(sex);
                return "sex in findings " + sex;
            }
            default -> {
                c.set("id", r.nextBoolean() ? f.textNode("a b") : f.numberNode(7));
                return "bad id";
            }
        }
    }

    static ArrayNode list(ObjectNode c, String key) {
        JsonNode n = c.get(key);
        if (n instanceof ArrayNode a) return a;
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        c.set(key, a);
        return a;
    }
}
