package org.aspskg.ddx.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.aspskg.ddx.rank.Reference;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.TermIndex;
import org.aspskg.text.PhraseReading;
import org.aspskg.text.TermHit;

/**
 * The JSON form of a ranking, for programs: hypotheses best first, each with the diagnosis label
 * and IRI, its scores, and its evidence split into supporting, opposing and neutral, each item
 * machine-readable (feature IRI, status, likelihood ratio, association, reference numbers, the
 * case statements with their positions); or, in {@link RankingDetail#SUMMARY}, only the scores and
 * the case's warnings. Also the JSON form of an error, for the HTTP endpoint.
 *
 * <p>A ranking is written token by token to a {@link JsonGenerator} ({@link #write}), straight to
 * the answer's stream: no tree is built (a full ranking is some 2,000 nodes, and building the tree
 * was a third of an HTTP ranking's cost). The strings that come from the ontology (IRIs, labels,
 * bases) are encoded once and then copied as bytes; what a case writes is encoded each time.
 */
public final class RankingJson {
    /** One mapper for the project's JSON output: pretty-printed, keys in the order written. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The JSON factory behind {@link #MAPPER}: generators it makes write what the mapper writes. */
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** The most ontology strings kept encoded (the ontology has a few thousand; a bound all the same). */
    private static final int MAX_KNOWN_STRINGS = 50_000;

    private static final SerializedString CASE = new SerializedString("case");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString IRI = new SerializedString("iri");
    private static final SerializedString LABEL = new SerializedString("label");
    private static final SerializedString AGE = new SerializedString("age");
    private static final SerializedString SEX = new SerializedString("sex");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString READING = new SerializedString("reading");
    private static final SerializedString UNRESOLVED = new SerializedString("unresolved");
    private static final SerializedString ONTOLOGY_VERSION = new SerializedString("ontologyVersion");
    private static final SerializedString HYPOTHESES = new SerializedString("hypotheses");
    private static final SerializedString RANK = new SerializedString("rank");
    private static final SerializedString DIAGNOSIS = new SerializedString("diagnosis");
    private static final SerializedString POST_TEST = new SerializedString("postTestProbability");
    private static final SerializedString LOG10_LR = new SerializedString("log10LikelihoodRatio");
    private static final SerializedString LR = new SerializedString("likelihoodRatio");
    private static final SerializedString EXCLUDED = new SerializedString("excluded");
    private static final SerializedString FEATURE = new SerializedString("feature");
    private static final SerializedString FEATURE_IRI = new SerializedString("featureIri");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString BASIS = new SerializedString("basis");
    private static final SerializedString ASSOCIATION = new SerializedString("association");
    private static final SerializedString ASSOCIATION_LABEL = new SerializedString("associationLabel");
    private static final SerializedString AGE_GROUP = new SerializedString("ageGroup");
    private static final SerializedString REFERENCES = new SerializedString("references");
    private static final SerializedString FREQUENCY = new SerializedString("frequency");
    private static final SerializedString FREQUENCY_OTHERS = new SerializedString("frequencyInOtherHypotheses");
    private static final SerializedString FREQUENCY_ASSUMED = new SerializedString("frequencyAssumed");
    private static final SerializedString CASE_FINDINGS = new SerializedString("caseFindings");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString WRITTEN = new SerializedString("written");
    private static final SerializedString LINE = new SerializedString("line");
    private static final SerializedString COLUMN = new SerializedString("column");
    private static final SerializedString PRESENT = new SerializedString("present");
    private static final SerializedString ABSENT = new SerializedString("absent");
    private static final SerializedString NEXT_FINDINGS = new SerializedString("nextFindings");
    private static final SerializedString UNEXPLAINED = new SerializedString("unexplainedFindings");
    private static final String SCORING =
            "post-test odds = pre-test odds x product of the likelihood ratios of the features "
                    + "the case shows or is known not to show (LIRICAL-style)";

    private final Function<String, String> labels;
    private final Map<String, SerializableString> known = new ConcurrentHashMap<>();

    public RankingJson(TermIndex terms) {
        this.labels = terms::label;
    }

    /** The full ranking as a JSON tree: what {@link #write} writes, read back as nodes. */
    public ObjectNode toJson(DifferentialRanking r) {
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            write(r, RankingDetail.FULL, tokens);
            return (ObjectNode) MAPPER.readTree(tokens.asParser(MAPPER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A generator writing to {@code out} as {@link #MAPPER} writes (pretty) or on one line; the
     * caller closes it (which flushes it and leaves {@code out} open).
     */
    public static JsonGenerator generator(OutputStream out, boolean pretty) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // closing writes the generator's buffer into out without flushing out: a servlet's stream then
        // sends a short answer whole, with its length, instead of as a chunk
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        if (pretty) g.setPrettyPrinter(new DefaultPrettyPrinter());
        return g;
    }

    /** Writes the ranking, in full or as a summary, as one JSON object. */
    public void write(DifferentialRanking r, RankingDetail detail, JsonGenerator g) throws IOException {
        boolean full = detail == RankingDetail.FULL;
        PatientCase c = r.patientCase();
        g.writeStartObject();
        g.writeFieldName(CASE);
        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeString(c.id());
        g.writeFieldName(IRI);
        g.writeString(c.iri());
        if (c.label() != null) {
            g.writeFieldName(LABEL);
            g.writeString(c.label());
        }
        if (c.ageYears() != null) {
            g.writeFieldName(AGE);
            g.writeNumber(c.ageYears());
        }
        if (c.sex() != null) {
            g.writeFieldName(SEX);
            g.writeString(c.sex());
        }
        g.writeFieldName(SOURCE);
        g.writeString(c.source());
        if (full && !c.readings().isEmpty()) {
            g.writeFieldName(READING);
            readings(g, c, true);
        }
        if (!full) {
            g.writeFieldName(UNRESOLVED);
            readings(g, c, false);
        }
        g.writeEndObject();
        if (r.ontologyVersion() != null) {
            g.writeFieldName(ONTOLOGY_VERSION);
            g.writeString(r.ontologyVersion());
        }
        if (full) {
            g.writeObjectFieldStart("method");
            g.writeStringField("scoring", SCORING);
            g.writeNumberField("hypotheses", r.hypotheses().size());
            g.writeNumberField("pretestProbability", r.pretestProbability());
            g.writeEndObject();
            g.writeArrayFieldStart("classification");
            for (String iri : r.classification().presentations()) {
                g.writeStartObject();
                g.writeFieldName(LABEL);
                known(g, labels.apply(iri));
                g.writeFieldName(IRI);
                known(g, iri);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeFieldName(HYPOTHESES);
        g.writeStartArray();
        for (RankedHypothesis h : r.hypotheses()) {
            g.writeStartObject();
            g.writeFieldName(RANK);
            g.writeNumber(h.rank());
            g.writeFieldName(DIAGNOSIS);
            known(g, h.label());
            g.writeFieldName(IRI);
            known(g, h.disease());
            g.writeFieldName(POST_TEST);
            g.writeNumber(h.postTestProbability());
            g.writeFieldName(LOG10_LR);
            g.writeNumber(h.log10LikelihoodRatio());
            g.writeFieldName(LR);
            g.writeNumber(h.likelihoodRatio());
            Optional<HypothesisExclusion.Exclusion> exclusion = r.exclusion(h.disease());
            g.writeFieldName(EXCLUDED);
            g.writeBoolean(exclusion.isPresent());
            if (full) {
                if (exclusion.isPresent()) exclusion(g, exclusion.get());
                evidence(g, "supporting", h.supporting());
                evidence(g, "opposing", h.opposing());
                evidence(g, "neutral", h.neutral());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(NEXT_FINDINGS);
        g.writeStartArray();
        for (NextFindings.NextFinding f : r.nextFindings()) {
            g.writeStartObject();
            g.writeFieldName(FEATURE);
            known(g, f.label());
            g.writeFieldName(FEATURE_IRI);
            known(g, f.feature());
            g.writeNumberField("presentProbability", f.presentProbability());
            g.writeNumberField("expectedInformationGain", f.informationGain());
            g.writeStringField("favours", f.favours());
            g.writeStringField("against", f.against());
            g.writeStringField("leaderIfPresent", f.leaderIfPresent());
            g.writeNumberField("leaderIfPresentProbability", f.leaderIfPresentProbability());
            g.writeStringField("leaderIfAbsent", f.leaderIfAbsent());
            g.writeNumberField("leaderIfAbsentProbability", f.leaderIfAbsentProbability());
            g.writeStringField("text", NextFindingText.sentence(f, labels));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(UNEXPLAINED);
        g.writeStartArray();
        for (CaseStatement s : r.unexplained()) statement(g, s);
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Each clash: the feature, which side the disease is on, the case statements, the justification's axioms. */
    private void exclusion(JsonGenerator g, HypothesisExclusion.Exclusion x) throws IOException {
        g.writeArrayFieldStart("exclusion");
        for (HypothesisExclusion.Clash c : x.clashes()) {
            g.writeStartObject();
            g.writeFieldName(FEATURE);
            known(g, labels.apply(c.feature()));
            g.writeFieldName(FEATURE_IRI);
            known(g, c.feature());
            g.writeStringField("everyCase", c.obligatePresent() ? "shows it" : "lacks it");
            g.writeArrayFieldStart("clashingStatements");
            for (CaseStatement s : c.statements()) statement(g, s);
            g.writeEndArray();
            g.writeArrayFieldStart("justification");
            for (HypothesisExclusion.Axiom a : c.axioms()) {
                g.writeStartObject();
                g.writeFieldName("axiom");
                known(g, a.text());
                if (a.bridge()) g.writeBooleanField("caseBridge", true);
                g.writeArrayFieldStart("sources");
                for (String source : a.sources()) known(g, source);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Each phrase or span as read (all of them, or only those not resolved to one weighed term): the
     * term and how it matched, or the candidates, or why not used, or suggestions.
     */
    private void readings(JsonGenerator g, PatientCase c, boolean all) throws IOException {
        g.writeStartArray();
        for (CaseReading cr : c.readings()) {
            PhraseReading r = cr.reading();
            if (!all && r.outcome() == PhraseReading.Outcome.TERM) continue;
            g.writeStartObject();
            g.writeFieldName(WRITTEN);
            g.writeString(r.text());
            if (cr.position().line() > 0) {
                g.writeFieldName(LINE);
                g.writeNumber(cr.position().line());
                g.writeFieldName(COLUMN);
                g.writeNumber(cr.position().column());
            }
            g.writeStringField(
                    "outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (r.outcome() == PhraseReading.Outcome.TERM) {
                TermHit t = r.term();
                g.writeFieldName(STATUS);
                g.writeString(cr.absent() ? ABSENT : PRESENT);
                g.writeFieldName(IRI);
                known(g, t.iri());
                g.writeFieldName(LABEL);
                known(g, t.label());
                g.writeStringField("curie", t.curie());
                g.writeStringField("match", t.match().description());
                g.writeStringField("matchedName", t.matchedName());
            }
            if (r.negated() || r.cue() != null) g.writeStringField("negationCue", r.cue());
            if (r.outcome() == PhraseReading.Outcome.AMBIGUOUS) terms(g, "candidates", r.terms());
            if (r.note() != null) g.writeStringField("note", r.note());
            if (!r.suggestions().isEmpty()) terms(g, "suggestions", r.suggestions());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void terms(JsonGenerator g, String name, List<TermHit> hits) throws IOException {
        g.writeArrayFieldStart(name);
        for (TermHit h : hits) {
            g.writeStartObject();
            g.writeFieldName(IRI);
            known(g, h.iri());
            g.writeFieldName(LABEL);
            known(g, h.label());
            g.writeStringField("curie", h.curie());
            g.writeStringField("match", h.match().description());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void evidence(JsonGenerator g, String name, List<Evidence> items) throws IOException {
        g.writeArrayFieldStart(name);
        for (Evidence e : items) {
            Association a = e.association();
            g.writeStartObject();
            g.writeFieldName(FEATURE);
            known(g, e.featureLabel());
            g.writeFieldName(FEATURE_IRI);
            known(g, a.feature());
            g.writeFieldName(STATUS);
            g.writeString(e.observed() ? PRESENT : ABSENT);
            g.writeFieldName(LR);
            g.writeNumber(e.likelihoodRatio());
            g.writeFieldName(BASIS);
            known(g, a.basis());
            g.writeFieldName(ASSOCIATION);
            known(g, a.iri());
            g.writeFieldName(ASSOCIATION_LABEL);
            known(g, a.label());
            if (a.ageGroup() != null) {
                g.writeFieldName(AGE_GROUP);
                known(g, a.ageGroup());
            }
            g.writeFieldName(REFERENCES);
            g.writeStartArray();
            for (Reference ref : a.references()) {
                if (ref.number() > 0) {
                    g.writeNumber(ref.number());
                } else {
                    known(g, ref.iri());
                }
            }
            g.writeEndArray();
            g.writeFieldName(FREQUENCY);
            g.writeNumber(a.frequency());
            g.writeFieldName(FREQUENCY_OTHERS);
            g.writeNumber(a.frequencyInOthers());
            if (a.assumed()) {
                g.writeFieldName(FREQUENCY_ASSUMED);
                g.writeBoolean(true);
            }
            g.writeFieldName(CASE_FINDINGS);
            g.writeStartArray();
            for (CaseStatement s : e.statements()) statement(g, s);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void statement(JsonGenerator g, CaseStatement s) throws IOException {
        g.writeStartObject();
        g.writeFieldName(KIND);
        g.writeString(s.kind().name().toLowerCase(Locale.ROOT));
        g.writeFieldName(WRITTEN);
        g.writeString(s.written());
        if (s.term() != null) {
            g.writeFieldName(IRI);
            known(g, s.term());
            g.writeFieldName(LABEL);
            known(g, s.termLabel());
        }
        if (s.position().line() > 0) {
            g.writeFieldName(LINE);
            g.writeNumber(s.position().line());
            g.writeFieldName(COLUMN);
            g.writeNumber(s.position().column());
        }
        g.writeEndObject();
    }

    /**
     * A string from the ontology (an IRI, a label, a basis, an axiom): encoded and escaped once, then
     * written as bytes. The same text written through {@link JsonGenerator#writeString(String)}.
     */
    private void known(JsonGenerator g, String s) throws IOException {
        if (s == null) {
            g.writeNull();
            return;
        }
        SerializableString encoded = known.get(s);
        if (encoded == null) {
            if (known.size() >= MAX_KNOWN_STRINGS) {
                g.writeString(s);
                return;
            }
            encoded = known.computeIfAbsent(s, SerializedString::new);
        }
        g.writeString(encoded);
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

    /** Writes a JSON tree as pretty text, ending with a newline. */
    public static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
