package org.aspskg.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationProperty;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.search.EntitySearcher;

/** Pins down that the edited ontology loads everywhere, is OWL 2 DL, consistent, and classifies as designed. */
class AspsOntologyTest {
    private static final String OBO = "http://purl.obolibrary.org/obo/";
    private static OWLOntology ontology;
    private static OWLReasoner hermit;
    private static OWLDataFactory df;
    private static Model asserted;

    @BeforeAll
    static void loadAndClassify() {
        ontology = OntologyLoader.load(OntologyLoader.DEFAULT_ONTOLOGY);
        df = ontology.getOWLOntologyManager().getOWLDataFactory();
        hermit = new ReasonerFactory().createReasoner(ontology);
        hermit.precomputeInferences(InferenceType.CLASS_HIERARCHY);
        asserted = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
    }

    private static OWLClass cls(String localName) {
        return df.getOWLClass(IRI.create(AspsVocabulary.iri(localName)));
    }

    @Test
    void ontologyParsesWithJenaAndTheOwlApiToTheSameHeader() {
        assertTrue(asserted.size() > 1000, "triples: " + asserted.size());
        assertEquals(
                AspsVocabulary.ONTOLOGY_IRI,
                ontology.getOntologyID().getOntologyIRI().map(IRI::toString).orElse(null));
        assertTrue(ontology.getOntologyID().getVersionIRI().isPresent(), "versionIRI");
        Set<String> headerProps = ontology.annotations()
                .map(a -> a.getProperty().getIRI().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(
                headerProps.containsAll(List.of(
                        "http://purl.org/dc/terms/title",
                        "http://purl.org/dc/terms/description",
                        "http://purl.org/dc/terms/license",
                        "http://purl.org/dc/terms/creator",
                        "http://purl.org/dc/terms/source")),
                headerProps.toString());
    }

    @Test
    void ontologyHasNoOwl2DlProfileViolations() {
        List<OWLProfileViolation> violations =
                new OWL2DLProfile().checkOntology(ontology).getViolations();
        assertEquals(List.of(), violations);
    }

    @Test
    void hermitFindsTheOntologyConsistentWithNoUnsatisfiableClasses() {
        assertTrue(hermit.isConsistent());
        assertEquals(Set.of(), hermit.getUnsatisfiableClasses().getEntitiesMinusBottom());
    }

    /** Subsumptions nobody asserted: each must be absent from the asserted hierarchy and entailed by HermiT. */
    @ParameterizedTest(name = "{0} is inferred to be a {1}")
    @CsvSource({
        "AlveolarSoftPartSarcoma, Sarcoma",
        "AlveolarSoftPartSarcoma, SoftTissueSarcoma",
        "AlveolarSoftPartSarcoma, TranslocationAssociatedSarcoma",
        "AlveolarSoftPartSarcoma, HypervascularLesion",
        "AlveolarSoftPartSarcoma, HaematogenouslyMetastasizingNeoplasm",
        "AlveolarSoftPartSarcoma, NeoplasmMetastasizingToLung",
        "AlveolarSoftPartSarcoma, PASPositiveLesion",
        "AlveolarSoftPartSarcoma, DeepSoftTissueLesion",
        "AlveolarSoftPartSarcoma, DiseaseOfYoungAdults",
        "AlveolarSoftPartSarcoma, DiseaseWithFemalePredilection",
        "SynovialSarcoma, SoftTissueSarcoma",
        "SynovialSarcoma, LesionWithoutFlowVoids",
        "MalignantFibrousHistiocytoma, SoftTissueSarcoma",
        "SkeletalOsteosarcoma, BoneSarcoma",
        "Angiosarcoma, DiseaseWithMalePredilection",
        "VascularMalformation, LesionWithoutSolidComponent",
        "ArteriovenousMalformation, LesionWithoutSolidComponent",
        "FlowVoid, MRIFinding",
        "HeterogeneousEnhancementOnT1PostContrast, ContrastEnhancementFinding",
        "HeterogeneousEnhancementOnContrastCT, CTFinding",
        "HypervascularMassOnCTA, CTFinding",
        "SunburstPeriostealReaction, RadiographicFinding",
        "PresentationCompatibleWithASPS, HypervascularSoftTissueMassPresentation",
    })
    void reasonerInfersSubsumptionThatIsNotAsserted(String sub, String sup) {
        assertFalse(assertedSubclassPath(sub, sup), sub + " ⊑ " + sup + " is already asserted");
        assertTrue(hermit.isEntailed(df.getOWLSubClassOfAxiom(cls(sub), cls(sup))), sub + " ⊑ " + sup);
    }

    @Test
    void aCaseWithALesionInAPartOfASiteHasALesionOfTheSite() {
        // hasLesionSite o part of -> hasLesionSite: a thigh mass is a mass of the lower limb, a uterine one of the
        // genital tract.
        var site = df.getOWLObjectProperty(IRI.create(AspsVocabulary.iri("hasLesionSite")));
        for (String[] pair :
                new String[][] {{"Thigh", "LowerLimb"}, {"Buttock", "LowerLimb"}, {"Uterus", "FemaleGenitalTract"}}) {
            assertTrue(
                    hermit.isEntailed(df.getOWLSubClassOfAxiom(
                            df.getOWLObjectSomeValuesFrom(site, cls(pair[0])),
                            df.getOWLObjectSomeValuesFrom(site, cls(pair[1])))),
                    pair[0] + " -> " + pair[1]);
        }
        assertFalse(hermit.isEntailed(df.getOWLSubClassOfAxiom(
                df.getOWLObjectSomeValuesFrom(site, cls("LowerLimb")),
                df.getOWLObjectSomeValuesFrom(site, cls("Thigh")))));
    }

    @Test
    void aTfe3NegativeCaseIsEntailedNotToShowNuclearTfe3Staining() {
        var finding = df.getOWLObjectProperty(IRI.create(AspsVocabulary.iri("hasFinding")));
        assertTrue(hermit.isEntailed(df.getOWLSubClassOfAxiom(
                cls("TFE3NegativePresentation"),
                df.getOWLObjectComplementOf(
                        df.getOWLObjectSomeValuesFrom(finding, cls("TFE3NuclearImmunoreactivity"))))));
    }

    @ParameterizedTest(name = "{0} is not a {1}")
    @CsvSource({
        "AlveolarSoftPartSarcoma, LesionWithoutFlowVoids",
        "AlveolarSoftPartSarcoma, BoneSarcoma",
        "VascularMalformation, Neoplasm",
        "MalignantFibrousHistiocytoma, BoneSarcoma",
        "Osteosarcoma, SoftTissueSarcoma",
        "Osteosarcoma, BoneSarcoma",
        "ExtraskeletalOsteosarcoma, BoneSarcoma",
        "Angiosarcoma, DiseaseWithFemalePredilection",
    })
    void reasonerDoesNotOverclassify(String sub, String sup) {
        assertFalse(hermit.isEntailed(df.getOWLSubClassOfAxiom(cls(sub), cls(sup))), sub + " ⊑ " + sup);
    }

    private static boolean assertedSubclassPath(String sub, String sup) {
        ParameterizedSparqlString ask = new ParameterizedSparqlString(
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ASK { ?sub rdfs:subClassOf+ ?sup }");
        ask.setIri("sub", AspsVocabulary.iri(sub));
        ask.setIri("sup", AspsVocabulary.iri(sup));
        try (QueryExecution qe = QueryExecution.create(ask.asQuery(), asserted)) {
            return qe.execAsk();
        }
    }

    @Test
    void everyOwnClassAndPropertyHasOneEnglishLabelAndOneDefinition() {
        OWLAnnotationProperty definition = df.getOWLAnnotationProperty(IRI.create(OBO + "IAO_0000115"));
        Map<String, String> problems = new TreeMap<>();
        ontology.signature(Imports.EXCLUDED)
                .filter(e -> e.getIRI().toString().startsWith(AspsVocabulary.NS))
                .filter(e -> e.isOWLClass()
                        || e.isOWLObjectProperty()
                        || e.isOWLDataProperty()
                        || e.isOWLAnnotationProperty())
                .forEach(e -> {
                    List<OWLLiteral> labels = literals(e, df.getRDFSLabel());
                    List<OWLLiteral> defs = literals(e, definition);
                    if (labels.size() != 1 || !labels.get(0).hasLang("en")) {
                        problems.put(e.getIRI().getShortForm(), "labels " + labels);
                    } else if (defs.size() != 1) {
                        problems.put(e.getIRI().getShortForm(), "definitions " + defs.size());
                    }
                });
        assertEquals(Map.of(), problems);
    }

    @Test
    void labelsAreUniqueAcrossTheOntology() {
        Map<String, List<String>> byLabel = ontology.signature(Imports.EXCLUDED)
                .flatMap(e -> literals(e, df.getRDFSLabel()).stream()
                        .map(l -> Map.entry(
                                l.getLiteral().toLowerCase(Locale.ROOT),
                                e.getIRI().toString())))
                .distinct()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Map<String, List<String>> duplicates = byLabel.entrySet().stream()
                .filter(en -> en.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), duplicates);
    }

    @Test
    void provenanceAnnotationsAttachToTheAxiomsTheyDescribe() {
        // Each owl:Axiom block in the Turtle must become one annotated axiom, not a second copy.
        long reifications = asserted.listResourcesWithProperty(RDF.type, OWL2.Axiom)
                .toList()
                .size();
        List<OWLAxiom> annotated =
                ontology.axioms().filter(OWLAxiom::isAnnotated).toList();
        assertEquals(reifications, annotated.size());
        for (OWLAxiom ax : annotated) {
            long copies = ontology.axioms(ax.getAxiomType())
                    .filter(other -> other.getAxiomWithoutAnnotations().equals(ax.getAxiomWithoutAnnotations()))
                    .count();
            assertEquals(1, copies, "unannotated duplicate of " + ax);
        }
    }

    private static List<OWLLiteral> literals(OWLEntity e, OWLAnnotationProperty p) {
        return EntitySearcher.getAnnotations(e, ontology, p)
                .map(a -> a.getValue().asLiteral())
                .filter(Optional::isPresent)
                .map(Optional::get)
                .toList();
    }
}
