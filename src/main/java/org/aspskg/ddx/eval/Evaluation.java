package org.aspskg.ddx.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseTBox;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.rank.Evidence;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.read.TermIndex;
import org.aspskg.ontology.AspsVocabulary;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * Ranks every published case of a directory ({@code DIR/<Diagnosis>/<slug>.json}) through the
 * differential pipeline and tallies the outcome: in {@link Mode#TEXT} from the case's free text (age,
 * sex and text) through a {@link TextCaseReader}, scoring the reader against the gold annotations where
 * a case has them; in {@link Mode#GOLD} from the gold annotations ({@code <slug>.gold.tsv}) alone, so
 * that the knowledge is judged apart from the vocabulary. A case the pipeline refuses (invalid,
 * contradictory) counts as not accepted and as a miss.
 */
public final class Evaluation {
    /** How each case becomes a structured case. */
    public enum Mode {
        TEXT,
        GOLD;

        public String label() {
            return this == TEXT ? "free text" : "gold annotations";
        }
    }

    /** How many supporting findings of the first hypothesis a miss lists. */
    private static final int DRIVERS = 3;

    private final DdxKnowledge knowledge;
    private final TextCaseReader textReader;

    public Evaluation(DdxKnowledge knowledge, TextCaseReader textReader) {
        this.knowledge = knowledge;
        this.textReader = textReader;
    }

    /** The published case files of a directory, {@code <Diagnosis>/<slug>.json}, sorted. */
    public static List<Path> caseFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AspsKgException(
                    dir + ": no such directory",
                    "Give a directory of <Diagnosis>/<case>.json files, e.g. eval/published.");
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            List<Path> out = files.filter(f -> dir.relativize(f).getNameCount() == 2)
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
            if (out.isEmpty()) {
                throw new AspsKgException(
                        dir + ": holds no <Diagnosis>/<case>.json files",
                        "Put each case in a folder named after its diagnosis (see eval/published/README.md).");
            }
            return out;
        } catch (IOException e) {
            throw new AspsKgException(
                    dir + ": cannot list: " + e.getMessage(), "Check the directory's permissions.", e);
        }
    }

    public EvalReport run(Path dir, Mode mode) {
        List<Path> files = caseFiles(dir);
        List<PublishedCase> cases = files.stream().map(PublishedCase::read).toList();
        for (PublishedCase c : cases) {
            String folder = c.file().getParent().getFileName().toString();
            if (!folder.equals(c.diagnosis())) {
                throw new AspsKgException(
                        c.file() + ": diagnosis \"" + c.diagnosis() + "\" but the case sits in " + folder + "/",
                        "Move the case to the folder of its diagnosis.");
            }
            hypothesisOf(c);
        }
        if (mode == Mode.GOLD) {
            List<Path> missing = files.stream()
                    .filter(f -> !Files.isRegularFile(GoldAnnotations.fileOf(f)))
                    .toList();
            if (!missing.isEmpty()) {
                throw new AspsKgException(
                        missing.size() + " of " + files.size() + " cases have no gold file, e.g. "
                                + GoldAnnotations.fileOf(missing.get(0)),
                        "Write <case>.gold.tsv beside each case (phrase, term, polarity, note), or run without --gold.");
            }
        }
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (PublishedCase c : cases) outcomes.add(evaluate(dir, c, mode));
        return new EvalReport(
                dir.toString(),
                mode,
                mode == Mode.TEXT ? textReader.name() : "gold annotations",
                knowledge.associations().hypotheses().stream()
                        .map(h -> new EvalReport.Hypothesis(
                                h, knowledge.associations().label(h)))
                        .toList(),
                outcomes);
    }

    private CaseOutcome evaluate(Path dir, PublishedCase c, Mode mode) {
        String file = dir.relativize(c.file()).toString();
        String truth = hypothesisOf(c);
        Path goldFile = GoldAnnotations.fileOf(c.file());
        List<GoldAnnotations.Phrase> gold =
                Files.isRegularFile(goldFile) ? GoldAnnotations.read(goldFile, c.freeText()) : List.of();
        PatientCase patientCase;
        int resolved;
        List<String> unresolved = new ArrayList<>();
        int goldWeighed = 0;
        int goldResolved = 0;
        List<String> goldMissed = new ArrayList<>();
        try {
            if (mode == Mode.GOLD) {
                TermIndex terms = knowledge.terms();
                Integer age = Demographics.ageYears(c.age());
                String sex = Demographics.sex(c.sex());
                Set<String> decidedGroups = new LinkedHashSet<>();
                knowledge.demographics().memberships(age, sex).forEach(m -> decidedGroups.add(m.group()));
                List<String> present = new ArrayList<>();
                List<String> absent = new ArrayList<>();
                int used = 0;
                for (GoldAnnotations.Phrase p : gold) {
                    if (!p.weighed()) continue;
                    var term = terms.resolve(p.term());
                    if (term.isEmpty()) {
                        unresolved.add(p.phrase() + " → " + p.term() + " (not a term a case can state)");
                        continue;
                    }
                    used++;
                    // a group the age and sex already decide is stated by them, not twice
                    if (decidedGroups.contains(term.get().iri())) continue;
                    (p.present() ? present : absent).add(term.get().curie());
                }
                resolved = used;
                patientCase = StructuredCase.of(
                        knowledge.jsonReader(), c.id(), c.file().toString(), age, sex, present, absent);
            } else {
                String text = c.freeText();
                TextCaseReader.TextCase read = textReader.read(c.id(), text);
                patientCase = read.patientCase();
                resolved = read.resolved().size();
                unresolved.addAll(read.unresolved());
                Set<String> members = new LinkedHashSet<>();
                Set<String> nonMembers = new LinkedHashSet<>();
                knowledge
                        .demographics()
                        .memberships(patientCase.ageYears(), patientCase.sex())
                        .forEach(m -> (m.member() ? members : nonMembers).add(m.group()));
                for (GoldAnnotations.Phrase p : gold) {
                    if (!p.weighed()) continue;
                    goldWeighed++;
                    String iri = knowledge
                            .terms()
                            .resolve(p.term())
                            .map(TermIndex.Term::iri)
                            .orElse(p.term());
                    boolean byDemographics = (p.present() ? members : nonMembers).contains(iri);
                    if (byDemographics || resolvedBy(read.resolved(), text, p, iri)) goldResolved++;
                    else
                        goldMissed.add(
                                p.phrase() + " → " + p.term() + " (" + (p.present() ? "present" : "absent") + ")");
                }
            }
        } catch (AspsKgException e) {
            return CaseOutcome.notRanked(
                    file, c.diagnosis(), truth, e.getMessage(), 0, unresolved, goldWeighed, goldResolved, goldMissed);
        }
        DifferentialPipeline ddx = knowledge.pipeline();
        DifferentialRanking ranking;
        try {
            ranking = ddx.rank(patientCase).ranking();
        } catch (AspsKgException e) {
            return CaseOutcome.notRanked(
                    file,
                    c.diagnosis(),
                    truth,
                    e.getMessage(),
                    resolved,
                    unresolved,
                    goldWeighed,
                    goldResolved,
                    goldMissed);
        }
        Integer rank = ranking.hypotheses().stream()
                .filter(h -> h.disease().equals(truth))
                .map(RankedHypothesis::rank)
                .findFirst()
                .orElse(null);
        RankedHypothesis top = ranking.top();
        List<String> drivers = top.supporting().stream()
                .limit(DRIVERS)
                .map(Evaluation::describe)
                .toList();
        return new CaseOutcome(
                file,
                c.diagnosis(),
                truth,
                null,
                resolved,
                unresolved,
                rank,
                top.label(),
                top.disease(),
                top.postTestProbability(),
                drivers,
                goldWeighed,
                goldResolved,
                goldMissed,
                ranking.exclusions().stream().map(x -> x.disease()).toList());
    }

    private static String describe(Evidence e) {
        return e.featureLabel() + (e.observed() ? "" : " absent") + " (LR "
                + String.format(Locale.ROOT, "%.3g", e.likelihoodRatio()) + ")";
    }

    /**
     * Whether the reader produced the gold statement with the gold polarity on a span overlapping the gold
     * phrase: the gold term itself, or a statement that entails it through the hierarchy the ranking uses
     * (docs/ddx.md, evidence through the hierarchy) — a present term below the gold term (a site that is
     * part of it, a subclass: "knee" for the region around the knee), an absent term above it. A
     * demographic group counts as resolved when the age and sex read put the case in it, or out of it.
     */
    private boolean resolvedBy(
            List<TextCaseReader.Resolved> resolved, String text, GoldAnnotations.Phrase p, String iri) {
        for (int at = text.indexOf(p.phrase()); at >= 0; at = text.indexOf(p.phrase(), at + 1)) {
            int from = at;
            int to = from + p.phrase().length();
            for (TextCaseReader.Resolved r : resolved) {
                if (r.start() < to && from < r.end() && r.present() == p.present() && entails(r, iri)) return true;
            }
        }
        return false;
    }

    /** Whether the reader's statement r states the gold term's statement (same polarity) through the hierarchy. */
    private boolean entails(TextCaseReader.Resolved r, String goldIri) {
        if (r.term().equals(goldIri)) return true;
        String specific = r.present() ? r.term() : goldIri;
        String general = r.present() ? goldIri : r.term();
        return ancestorsOf(specific).contains(general);
    }

    private Set<String> ancestorsOf(String iri) {
        CaseTBox tbox = knowledge.tbox();
        OWLClass c = tbox.dataFactory().getOWLClass(IRI.create(iri));
        try {
            Set<String> out = new LinkedHashSet<>();
            tbox.effectiveAncestors(c).forEach(a -> out.add(a.getIRI().toString()));
            return out;
        } catch (IllegalArgumentException notStateable) {
            return Set.of();
        }
    }

    /** The hypothesis a final diagnosis falls under: the diagnosis itself or its nearest ancestor among the hypotheses. */
    private String hypothesisOf(PublishedCase c) {
        List<String> hypotheses = knowledge.associations().hypotheses();
        Model m = knowledge.ontology();
        Resource start = m.createResource(AspsVocabulary.NS + c.diagnosis());
        Set<Resource> seen = new LinkedHashSet<>();
        List<Resource> frontier = List.of(start);
        while (!frontier.isEmpty()) {
            List<Resource> next = new ArrayList<>();
            for (Resource r : frontier) {
                if (!seen.add(r)) continue;
                if (r.isURIResource() && hypotheses.contains(r.getURI())) return r.getURI();
                m.listObjectsOfProperty(r, RDFS.subClassOf)
                        .filterKeep(o -> o.isURIResource())
                        .forEach(o -> next.add(o.asResource()));
            }
            frontier = next;
        }
        throw new AspsKgException(
                c.file() + ": the diagnosis \"" + c.diagnosis() + "\" is none of the ranked hypotheses nor under one",
                "Use the local name of a hypothesis class, e.g. AlveolarSoftPartSarcoma.");
    }
}
