package org.aspskg.ddx.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.CaseReading;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.classify.HypothesisExclusion;
import org.aspskg.ddx.rank.Association;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.rank.Evidence;
import org.aspskg.ddx.rank.NextFindings;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.TermIndex;
import org.aspskg.text.PhraseReading;
import org.aspskg.text.TermHit;

/**
 * The JSON form of a ranking, for programs: hypotheses best first, each with the diagnosis label
 * and IRI, its scores, and its evidence split into supporting, opposing and neutral, each item
 * machine-readable (feature IRI, status, likelihood ratio, association, reference numbers, the
 * case statements with their positions). Also the JSON form of an error, for the HTTP endpoint.
 */
public final class RankingJson {
    /** One mapper for the project's JSON output: pretty-printed, keys in the order written. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The same JSON on one line, no indentation: what {@code POST /asps/ddx?pretty=false} sends. */
    private static final ObjectWriter COMPACT = new ObjectMapper().writer();

    private final Function<String, String> labels;

    public RankingJson(TermIndex terms) {
        this.labels = terms::label;
    }

    public ObjectNode toJson(DifferentialRanking r) {
        ObjectNode root = MAPPER.createObjectNode();
        PatientCase c = r.patientCase();
        ObjectNode caseNode = root.putObject("case");
        caseNode.put("id", c.id());
        caseNode.put("iri", c.iri());
        if (c.label() != null) caseNode.put("label", c.label());
        if (c.ageYears() != null) caseNode.put("age", c.ageYears());
        if (c.sex() != null) caseNode.put("sex", c.sex());
        caseNode.put("source", c.source());
        if (!c.readings().isEmpty()) readings(caseNode.putArray("reading"), c);
        if (r.ontologyVersion() != null) root.put("ontologyVersion", r.ontologyVersion());
        ObjectNode method = root.putObject("method");
        method.put(
                "scoring",
                "post-test odds = pre-test odds x product of the likelihood ratios of the features "
                        + "the case shows or is known not to show (LIRICAL-style)");
        method.put("hypotheses", r.hypotheses().size());
        method.put("pretestProbability", r.pretestProbability());
        ArrayNode classes = root.putArray("classification");
        for (String iri : r.classification().presentations()) {
            classes.addObject().put("label", labels.apply(iri)).put("iri", iri);
        }
        ArrayNode hypotheses = root.putArray("hypotheses");
        for (RankedHypothesis h : r.hypotheses()) {
            ObjectNode n = hypotheses.addObject();
            n.put("rank", h.rank());
            n.put("diagnosis", h.label());
            n.put("iri", h.disease());
            n.put("postTestProbability", h.postTestProbability());
            n.put("log10LikelihoodRatio", h.log10LikelihoodRatio());
            n.put("likelihoodRatio", h.likelihoodRatio());
            n.put("excluded", r.exclusion(h.disease()).isPresent());
            r.exclusion(h.disease()).ifPresent(x -> exclusion(n.putArray("exclusion"), x));
            evidence(n.putArray("supporting"), h.supporting());
            evidence(n.putArray("opposing"), h.opposing());
            evidence(n.putArray("neutral"), h.neutral());
        }
        ArrayNode next = root.putArray("nextFindings");
        for (NextFindings.NextFinding f : r.nextFindings()) {
            next.addObject()
                    .put("feature", f.label())
                    .put("featureIri", f.feature())
                    .put("presentProbability", f.presentProbability())
                    .put("expectedInformationGain", f.informationGain())
                    .put("favours", f.favours())
                    .put("against", f.against())
                    .put("leaderIfPresent", f.leaderIfPresent())
                    .put("leaderIfPresentProbability", f.leaderIfPresentProbability())
                    .put("leaderIfAbsent", f.leaderIfAbsent())
                    .put("leaderIfAbsentProbability", f.leaderIfAbsentProbability())
                    .put("text", NextFindingText.sentence(f, labels));
        }
        ArrayNode unexplained = root.putArray("unexplainedFindings");
        for (CaseStatement s : r.unexplained()) statement(unexplained.addObject(), s);
        return root;
    }

    /** Each clash: the feature, which side the disease is on, the case statements, the justification's axioms. */
    private void exclusion(ArrayNode into, HypothesisExclusion.Exclusion x) {
        for (HypothesisExclusion.Clash c : x.clashes()) {
            ObjectNode n = into.addObject();
            n.put("feature", labels.apply(c.feature()));
            n.put("featureIri", c.feature());
            n.put("everyCase", c.obligatePresent() ? "shows it" : "lacks it");
            ArrayNode found = n.putArray("clashingStatements");
            for (CaseStatement s : c.statements()) statement(found.addObject(), s);
            ArrayNode axioms = n.putArray("justification");
            for (HypothesisExclusion.Axiom a : c.axioms()) {
                ObjectNode ax = axioms.addObject();
                ax.put("axiom", a.text());
                if (a.bridge()) ax.put("caseBridge", true);
                a.sources().forEach(ax.putArray("sources")::add);
            }
        }
    }

    /** Each phrase or span as read: the term and how it matched, or the candidates, or why not used, or suggestions. */
    private static void readings(ArrayNode into, PatientCase c) {
        for (CaseReading cr : c.readings()) {
            PhraseReading r = cr.reading();
            ObjectNode n = into.addObject();
            n.put("written", r.text());
            if (cr.position().line() > 0) {
                n.put("line", cr.position().line());
                n.put("column", cr.position().column());
            }
            n.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (r.outcome() == PhraseReading.Outcome.TERM) {
                TermHit t = r.term();
                n.put("status", cr.absent() ? "absent" : "present");
                n.put("iri", t.iri());
                n.put("label", t.label());
                n.put("curie", t.curie());
                n.put("match", t.match().description());
                n.put("matchedName", t.matchedName());
            }
            if (r.negated() || r.cue() != null) n.put("negationCue", r.cue());
            if (r.outcome() == PhraseReading.Outcome.AMBIGUOUS) terms(n.putArray("candidates"), r.terms());
            if (r.note() != null) n.put("note", r.note());
            if (!r.suggestions().isEmpty()) terms(n.putArray("suggestions"), r.suggestions());
        }
    }

    private static void terms(ArrayNode into, List<TermHit> hits) {
        for (TermHit h : hits) {
            into.addObject()
                    .put("iri", h.iri())
                    .put("label", h.label())
                    .put("curie", h.curie())
                    .put("match", h.match().description());
        }
    }

    private void evidence(ArrayNode into, List<Evidence> items) {
        for (Evidence e : items) {
            Association a = e.association();
            ObjectNode n = into.addObject();
            n.put("feature", e.featureLabel());
            n.put("featureIri", a.feature());
            n.put("status", e.observed() ? "present" : "absent");
            n.put("likelihoodRatio", e.likelihoodRatio());
            n.put("basis", a.basis());
            n.put("association", a.iri());
            n.put("associationLabel", a.label());
            if (a.ageGroup() != null) n.put("ageGroup", a.ageGroup());
            ArrayNode refs = n.putArray("references");
            a.references().forEach(ref -> {
                if (ref.number() > 0) {
                    refs.add(ref.number());
                } else {
                    refs.add(ref.iri());
                }
            });
            n.put("frequency", a.frequency());
            n.put("frequencyInOtherHypotheses", a.frequencyInOthers());
            if (a.assumed()) n.put("frequencyAssumed", true);
            ArrayNode found = n.putArray("caseFindings");
            for (CaseStatement s : e.statements()) statement(found.addObject(), s);
        }
    }

    private void statement(ObjectNode n, CaseStatement s) {
        n.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        n.put("written", s.written());
        if (s.term() != null) {
            n.put("iri", s.term());
            n.put("label", s.termLabel());
        }
        if (s.position().line() > 0) {
            n.put("line", s.position().line());
            n.put("column", s.position().column());
        }
    }

    /** The JSON body of an error: message, hint, and each problem with its position when known. */
    public static ObjectNode error(AspsKgException e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("error", e.getMessage());
        if (e.hint() != null) root.put("hint", e.hint());
        ArrayNode problems = root.putArray("problems");
        if (e instanceof CaseInputException in) {
            for (CaseInputException.Problem p : in.problems()) {
                ObjectNode n = problems.addObject();
                n.put("source", p.position().file());
                if (p.position().line() > 0) {
                    n.put("line", p.position().line());
                    n.put("column", p.position().column());
                }
                n.put("message", p.message());
            }
        } else if (e instanceof ContradictoryCaseException clash) {
            ObjectNode n = problems.addObject();
            n.put("message", e.getMessage());
            ArrayNode sides = n.putArray("clashingStatements");
            for (List<CaseStatement> side : List.of(clash.one(), clash.other())) {
                ArrayNode group = sides.addArray();
                for (CaseStatement s : side) {
                    ObjectNode st = group.addObject();
                    st.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
                    st.put("written", s.written());
                    if (s.term() != null) st.put("iri", s.term());
                    if (s.position().line() > 0) {
                        st.put("line", s.position().line());
                        st.put("column", s.position().column());
                    }
                }
            }
        }
        return root;
    }

    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);

    /**
     * A JSON tree as UTF-8 bytes, the same bytes as {@link #write(ObjectNode)}'s text encoded, made
     * without the text (a ranking is some 100–200 kB: the string, its copies and its encoding were
     * most of an HTTP ranking's cost).
     */
    public static byte[] bytes(ObjectNode node) {
        return bytes(node, true);
    }

    /**
     * A JSON tree as UTF-8 bytes ending with a newline: pretty, as {@link #bytes(ObjectNode)}, or
     * compact — the same content on one line, without the indentation (about a fifth of a pretty
     * ranking's bytes).
     */
    public static byte[] bytes(ObjectNode node, boolean pretty) {
        try {
            byte[] json = pretty ? MAPPER.writeValueAsBytes(node) : COMPACT.writeValueAsBytes(node);
            byte[] out = java.util.Arrays.copyOf(json, json.length + LINE_END.length);
            System.arraycopy(LINE_END, 0, out, json.length, LINE_END.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a JSON tree as pretty text, ending with a newline. */
    public static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
