package org.aspskg.ontology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;

/**
 * The one home of asps-kg's IRIs: the ontology namespace, its named graphs and the annotation
 * and object properties that code reads. Nothing else types these strings.
 */
public final class AspsVocabulary {
    private AspsVocabulary() {}

    /** Namespace of every asps-kg term (readable local names, CamelCase classes, lowerCamel properties). */
    public static final String NS = "https://w3id.org/asps-kg/";
    /** Conventional prefix for {@link #NS}. */
    public static final String PREFIX = "aspskg";
    /** The ontology IRI. */
    public static final String ONTOLOGY_IRI = NS + "asps.owl";

    /** Named graph holding the asserted ontology as edited. */
    public static final String GRAPH_ASSERTED = NS + "graph/asserted";
    /** Named graph holding what the reasoner inferred and is not asserted. */
    public static final String GRAPH_INFERRED = NS + "graph/inferred";
    /** Named graph holding the SSSOM mapping set's mappings to external vocabularies. */
    public static final String GRAPH_MAPPINGS = NS + "graph/mappings";
    /** Named graph holding cases and their ranked differentials. */
    public static final String GRAPH_CASES = NS + "graph/cases";
    /**
     * Named graph holding the rankings of the last {@code asps-kg rank} run into the store (compact:
     * hypotheses without evidence) and the reference diagnoses given with {@code --truth}.
     */
    public static final String GRAPH_RANKINGS = NS + "graph/rankings";

    /**
     * The Fuseki operation of the differential diagnosis endpoint ({@code POST /asps/ddx}), as a Fuseki
     * configuration file would name it with {@code fuseki:operation}.
     */
    public static final String OPERATION_DDX = NS + "operation/ddx";

    /** The source article (Radiopaedia rID 59433). */
    public static final String SOURCE_ARTICLE = NS + "source/radiopaedia-59433";

    /** Namespace of patient cases read from JSON (a case with id {@code x} is {@code CASE_NS + x}). */
    public static final String CASE_NS = NS + "case/";
    /** Namespace of the in-memory helper classes the case classifier adds to the TBox (never written to files). */
    public static final String DDX_NS = NS + "ddx/";

    // --- Patient cases (asps-kg ddx) ---

    public static final Resource PATIENT_CASE = resource("PatientCase");
    public static final Property HAS_FINDING = property("hasFinding");
    public static final Property HAS_LESION_SITE = property("hasLesionSite");
    public static final Property IN_DEMOGRAPHIC_GROUP = property("inDemographicGroup");
    public static final Property AGE_IN_YEARS = property("ageInYears");
    public static final Resource FINDING = resource("Finding");
    public static final Resource ANATOMICAL_SITE = resource("AnatomicalSite");
    public static final Resource DEMOGRAPHIC_GROUP = resource("DemographicGroup");
    public static final Property MINIMUM_AGE_YEARS = property("minimumAgeYears");
    public static final Property MAXIMUM_AGE_YEARS = property("maximumAgeYears");
    public static final Property REQUIRES_SEX = property("requiresSex");

    // --- Disease-feature associations and evidence weights (what the ranker reads) ---

    public static final Resource DISEASE_FEATURE_ASSOCIATION = resource("DiseaseFeatureAssociation");
    public static final Property ABOUT_DISEASE = property("aboutDisease");
    public static final Property ABOUT_FEATURE = property("aboutFeature");
    public static final Property IN_AGE_GROUP = property("inAgeGroup");
    /** The subtype (a component of its hypothesis' mixture) a row or derived node holds for. */
    public static final Property ABOUT_SUBTYPE = property("aboutSubtype");
    /** A subtype's weight in its hypothesis' mixture, derived at build time. */
    public static final Resource DERIVED_SUBTYPE_WEIGHT = resource("DerivedSubtypeWeight");

    public static final Property LIKELIHOOD_RATIO_IF_PRESENT = property("likelihoodRatioIfPresent");
    public static final Property LIKELIHOOD_RATIO_IF_ABSENT = property("likelihoodRatioIfAbsent");
    public static final Resource DERIVED_LIKELIHOOD_RATIO = resource("DerivedLikelihoodRatio");
    public static final Property FREQUENCY = property("frequency");
    public static final Property FREQUENCY_IN_OTHER_HYPOTHESES = property("frequencyInOtherHypotheses");
    public static final Property FREQUENCY_IS_ASSUMED = property("frequencyIsAssumed");
    public static final Property DERIVED_FROM = property("derivedFrom");
    public static final Property SENSITIVITY = property("sensitivity");
    public static final Property SPECIFICITY = property("specificity");
    public static final Property CITES_REFERENCE = property("citesReference");
    public static final Property REFERENCE_NUMBER = property("referenceNumber");
    public static final Property HAS_DIFFERENTIAL_DIAGNOSIS = property("hasDifferentialDiagnosis");
    public static final Property NEGATION_OF = property("negationOf");
    /** The size finding a stated size states: a mass whose greatest diameter exceeds 5 cm (its definition). */
    public static final Resource MASS_LARGER_THAN_5_CM = resource("MassLargerThan5cm");
    /** The threshold of {@link #MASS_LARGER_THAN_5_CM}, in cm, as its definition in the edit source gives it. */
    public static final double LARGE_MASS_THRESHOLD_CM = 5;
    /** A mass the text calls large ("a large, lobulated soft tissue mass"): what free text states by "large … mass". */
    public static final Resource LARGE_MASS = resource("LargeMass");
    /** Bone (tissue and skeletal elements); a bone named under a negation says the lesion does not involve it. */
    public static final Resource BONE = resource("Bone");
    /** What a negated bone states: adjacent bone involvement, absent. */
    public static final Resource ADJACENT_BONE_INVOLVEMENT = resource("AdjacentBoneInvolvement");
    /** A finding's modality: {@code SubClassOf(F ObjectSomeValuesFrom(observedWith M))}. */
    public static final Property OBSERVED_WITH = property("observedWith");

    public static final Resource MAGNETIC_RESONANCE_IMAGING = resource("MagneticResonanceImaging");
    public static final Resource COMPUTED_TOMOGRAPHY = resource("ComputedTomography");
    public static final Resource RADIOGRAPHY = resource("Radiography");
    public static final Resource ULTRASONOGRAPHY = resource("Ultrasonography");

    // --- Differential diagnosis rankings (written by asps-kg ddx) ---

    public static final Resource DIFFERENTIAL_DIAGNOSIS_RANKING = resource("DifferentialDiagnosisRanking");
    public static final Resource RANKED_HYPOTHESIS = resource("RankedHypothesis");
    public static final Resource EVIDENCE_ITEM = resource("EvidenceItem");
    public static final Resource SUPPORTING_EVIDENCE = resource("SupportingEvidence");
    public static final Resource OPPOSING_EVIDENCE = resource("OpposingEvidence");
    public static final Property RANKING_OF_CASE = property("rankingOfCase");
    public static final Property HAS_RANKED_HYPOTHESIS = property("hasRankedHypothesis");
    public static final Property HAS_EVIDENCE_ITEM = property("hasEvidenceItem");
    public static final Property HYPOTHESIS_DIAGNOSIS = property("hypothesisDiagnosis");
    public static final Property BASED_ON_ASSOCIATION = property("basedOnAssociation");
    public static final Property RANK = property("rank");
    public static final Property PRETEST_PROBABILITY = property("pretestProbability");
    public static final Property POST_TEST_PROBABILITY = property("postTestProbability");
    public static final Property LOG10_LIKELIHOOD_RATIO = property("log10LikelihoodRatio");
    public static final Property LIKELIHOOD_RATIO = property("likelihoodRatio");
    public static final Property FEATURE_OBSERVED = property("featureObserved");
    public static final Resource EXCLUDED_HYPOTHESIS = resource("ExcludedHypothesis");
    public static final Resource EXCLUSION_CLASH = resource("ExclusionClash");
    public static final Property HAS_EXCLUSION_CLASH = property("hasExclusionClash");
    public static final Property JUSTIFICATION_AXIOM = property("justificationAxiom");
    public static final Resource SUGGESTED_FINDING = resource("SuggestedFinding");
    public static final Property SUGGESTS_FINDING = property("suggestsFinding");
    public static final Property EXPECTED_INFORMATION_GAIN = property("expectedInformationGain");
    public static final Property PREDICTIVE_PROBABILITY = property("predictiveProbability");
    /** The diagnosis a case is known to have (a generated cohort's drawn diagnosis), written by rank --truth. */
    public static final Property REFERENCE_DIAGNOSIS = property("referenceDiagnosis");

    public static String iri(String localName) {
        return NS + localName;
    }

    public static Resource resource(String localName) {
        return ResourceFactory.createResource(iri(localName));
    }

    public static Property property(String localName) {
        return ResourceFactory.createProperty(iri(localName));
    }

    // --- Terms of other vocabularies that the quality checks read (OBO, IAO, oboInOwl) ---

    /** OBO PURL namespace. */
    public static final String OBO = "http://purl.obolibrary.org/obo/";
    /** oboInOwl namespace (synonyms, cross-references, subsets). */
    public static final String OBO_IN_OWL = "http://www.geneontology.org/formats/oboInOwl#";

    /** IAO 'definition': every asps-kg term has exactly one. */
    public static final Property DEFINITION = ResourceFactory.createProperty(OBO + "IAO_0000115");
    /** IAO 'elucidation', accepted by ROBOT in place of a definition. */
    public static final Property ELUCIDATION = ResourceFactory.createProperty(OBO + "IAO_0000600");
    /** IAO 'alternative label', an exact synonym. */
    public static final Property ALTERNATIVE_LABEL = ResourceFactory.createProperty(OBO + "IAO_0000118");
    /** IAO 'term replaced by', only for deprecated terms. */
    public static final Property TERM_REPLACED_BY = ResourceFactory.createProperty(OBO + "IAO_0100001");
    /** OMO 'abbreviation' synonym type. */
    public static final Resource ABBREVIATION = ResourceFactory.createResource(OBO + "OMO_0003000");
    /** OMO 'acronym' synonym type. */
    public static final Resource ACRONYM = ResourceFactory.createResource(OBO + "OMO_0003012");

    public static final Property HAS_EXACT_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasExactSynonym");
    public static final Property HAS_BROAD_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasBroadSynonym");
    public static final Property HAS_NARROW_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasNarrowSynonym");
    public static final Property HAS_RELATED_SYNONYM = ResourceFactory.createProperty(OBO_IN_OWL + "hasRelatedSynonym");
    public static final Property HAS_SYNONYM_TYPE = ResourceFactory.createProperty(OBO_IN_OWL + "hasSynonymType");
    public static final Property HAS_DB_XREF = ResourceFactory.createProperty(OBO_IN_OWL + "hasDbXref");
    public static final Property IN_SUBSET = ResourceFactory.createProperty(OBO_IN_OWL + "inSubset");
    public static final Resource SUBSET_PROPERTY = ResourceFactory.createResource(OBO_IN_OWL + "SubsetProperty");
    public static final Resource SYNONYM_TYPE_PROPERTY =
            ResourceFactory.createResource(OBO_IN_OWL + "SynonymTypeProperty");
    public static final Resource OBSOLETE_CLASS = ResourceFactory.createResource(OBO_IN_OWL + "ObsoleteClass");

    // --- Mappings (SSSOM, SKOS) and the prefixes every artefact declares ---

    /** Namespace of fact (statement node) IRIs. */
    public static final String FACT_NS = NS + "fact/";
    /** Namespace of the source article and its numbered references. */
    public static final String SOURCE_NS = NS + "source/";
    /** Frequency qualifiers: the words sources use for how often, compiled from tables/frequency-words.tsv. */
    public static final String FREQUENCY_NS = NS + "frequency/";
    /** Dublin Core terms. */
    public static final String DCTERMS = "http://purl.org/dc/terms/";
    /** SKOS core: the mapping predicates exactMatch, closeMatch, broadMatch, narrowMatch, relatedMatch. */
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    /** Semantic Mapping Vocabulary: SSSOM's mapping justifications. */
    public static final String SEMAPV = "https://w3id.org/semapv/vocab/";
    /** SSSOM's own namespace (slots without a slot_uri in its RDF form). */
    public static final String SSSOM = "https://w3id.org/sssom/";
    /** LinkML, built into SSSOM's prefix table. */
    public static final String LINKML = "https://w3id.org/linkml/";
    /** Provenance, Authoring and Versioning (SSSOM's author_id is pav:authoredBy). */
    public static final String PAV = "http://purl.org/pav/";
    /** SNOMED CT concept IRIs, as the SCTID prefix expands (bioregistry). */
    public static final String SNOMED_CT = "http://snomed.info/id/";
    /** The CURIE prefix of SNOMED CT identifiers (bioregistry's preferred prefix). */
    public static final String SNOMED_CT_PREFIX = "SCTID";

    public static final Property SKOS_EXACT_MATCH = ResourceFactory.createProperty(SKOS + "exactMatch");
    public static final Property SKOS_CLOSE_MATCH = ResourceFactory.createProperty(SKOS + "closeMatch");

    /** Prefixes every asps-kg artefact and query declares: our namespaces, then the W3C and OBO ones. */
    public static final Map<String, String> STANDARD_PREFIXES = standardPrefixes();

    private static Map<String, String> standardPrefixes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PREFIX, NS);
        p.put("fact", FACT_NS);
        p.put("src", SOURCE_NS);
        p.put("obo", OBO);
        p.put("oboInOwl", OBO_IN_OWL);
        p.put("rdf", RDF.getURI());
        p.put("rdfs", RDFS.getURI());
        p.put("owl", OWL.getURI());
        p.put("xsd", XSD.getURI());
        p.put("dcterms", DCTERMS);
        p.put("skos", SKOS);
        return Collections.unmodifiableMap(p);
    }

    /** IRI prefixes that look like OBO PURLs but are not the canonical {@link #OBO} one. */
    public static final List<String> NON_CANONICAL_OBO_PREFIXES =
            List.of("https://purl.obolibrary.org/obo/", "http://purl.org/obo/", "http://www.obofoundry.org/");
}
