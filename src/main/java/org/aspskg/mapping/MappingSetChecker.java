package org.aspskg.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportRow;

/**
 * Checks a mapping set against the SSSOM specification and against the ontology its subjects come
 * from, and reports like {@code asps-kg validate}: one row per problem, with its {@link MappingRule}'s
 * level; Subject is {@code file:line} of the row (the file alone for metadata and header problems),
 * Property the column or metadata key, Value the offending value, and one line of explanation.
 */
public final class MappingSetChecker {
    /** The SEMAPV terms SSSOM allows as mapping_justification (its schema's pattern). */
    public static final Set<String> JUSTIFICATIONS = Set.of(
            "MappingReview",
            "ManualMappingCuration",
            "LogicalReasoning",
            "LexicalMatching",
            "CompositeMatching",
            "UnspecifiedMatching",
            "SemanticSimilarityThresholdMatching",
            "LexicalSimilarityThresholdMatching",
            "MappingChaining",
            "MappingInversion",
            "StructuralMatching",
            "InstanceBasedMatching",
            "BackgroundKnowledgeBasedMatching");

    private static final Pattern NCNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final String MANUAL_CURATION = AspsVocabulary.SEMAPV + "ManualMappingCuration";

    private final OntologyTerms terms;

    /** A checker for mapping sets whose subjects are terms of {@code terms}. */
    public MappingSetChecker(OntologyTerms terms) {
        this.terms = terms;
    }

    /** Reads the mapping set and the ontology and checks the one against the other. */
    public static QualityReport check(Path mappingSet, Path ontology) {
        MappingSet set = SssomReader.read(mappingSet);
        OntologyTerms terms = new OntologyTerms(OntologyLoader.readRdf(ontology));
        return new MappingSetChecker(terms).check(set);
    }

    public QualityReport check(MappingSet set) {
        Run run = new Run(set);
        run.checkMetadata();
        run.checkColumns();
        for (Mapping m : set.mappings()) run.checkRow(m);
        run.checkDuplicates();
        run.checkExactMatches();
        run.checkUnusedPrefixes();
        return new QualityReport(set.source().toString(), run.rows);
    }

    /** The state of one check: the set, the rows found, the prefixes used. */
    private final class Run {
        final MappingSet set;
        final String file;
        final List<ReportRow> rows = new ArrayList<>();
        final Set<String> usedPrefixes = new HashSet<>();

        Run(MappingSet set) {
            this.set = set;
            this.file = set.source().toString();
        }

        void add(MappingRule rule, String subject, String property, String value, String explanation) {
            rows.add(new ReportRow(rule.level(), rule.ruleName(), subject, property, value, List.of(explanation)));
        }

        void checkMetadata() {
            JsonNode md = set.metadata();
            for (String key : SssomSlots.REQUIRED_SET_METADATA) {
                JsonNode n = md.get(key);
                if (n == null || n.isNull() || (n.isValueNode() && n.asText().isBlank())) {
                    add(MappingRule.MISSING_SET_METADATA, file, key, "", "the metadata block has no '" + key + "'");
                }
            }
            checkCurieMap(md.get(SssomSlots.CURIE_MAP));
            for (Iterator<String> it = md.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!SssomSlots.MAPPING_SET.contains(key)) {
                    add(
                            MappingRule.UNKNOWN_SLOT,
                            file,
                            key,
                            "",
                            "'" + key + "' is not an SSSOM mapping set slot; SSSOM tools drop it");
                    continue;
                }
                if (key.equals(SssomSlots.CURIE_MAP)) continue;
                for (String value : set.metadataValues(key)) checkTyped(file, key, value);
            }
        }

        void checkCurieMap(JsonNode cm) {
            if (cm == null || cm.isNull()) return;
            if (!cm.isObject()) {
                add(
                        MappingRule.INVALID_CURIE_MAP,
                        file,
                        SssomSlots.CURIE_MAP,
                        cm.asText(),
                        "curie_map must be a map of prefix names to IRI prefixes");
                return;
            }
            cm.fields().forEachRemaining(e -> {
                String prefix = e.getKey();
                JsonNode ns = e.getValue();
                if (!NCNAME.matcher(prefix).matches()) {
                    add(
                            MappingRule.INVALID_CURIE_MAP,
                            file,
                            SssomSlots.CURIE_MAP,
                            prefix,
                            "'" + prefix + "' is not a valid prefix name");
                } else if (!ns.isTextual() || !absolute(ns.asText())) {
                    add(
                            MappingRule.INVALID_CURIE_MAP,
                            file,
                            SssomSlots.CURIE_MAP,
                            prefix + ": " + ns.asText(),
                            "the IRI prefix of '" + prefix + "' is not an absolute IRI");
                } else if (CurieMap.BUILT_IN.containsKey(prefix)
                        && !CurieMap.BUILT_IN.get(prefix).equals(ns.asText())) {
                    add(
                            MappingRule.INVALID_CURIE_MAP,
                            file,
                            SssomSlots.CURIE_MAP,
                            prefix + ": " + ns.asText(),
                            "'" + prefix + "' is built into SSSOM as " + CurieMap.BUILT_IN.get(prefix)
                                    + " and must not be redefined");
                }
            });
        }

        void checkColumns() {
            for (String column : SssomSlots.REQUIRED_COLUMNS) {
                if (!set.columns().contains(column)) {
                    add(MappingRule.MISSING_COLUMN, file, column, "", "the header has no '" + column + "' column");
                }
            }
            for (String column : set.columns()) {
                if (!SssomSlots.MAPPING.contains(column)) {
                    add(
                            MappingRule.UNKNOWN_SLOT,
                            file,
                            column,
                            "",
                            "'" + column + "' is not an SSSOM mapping slot; SSSOM tools drop the column");
                }
            }
        }

        void checkRow(Mapping m) {
            String where = set.where(m);
            for (String column : SssomSlots.REQUIRED_COLUMNS) {
                if (set.columns().contains(column) && !m.has(column)) {
                    add(MappingRule.MISSING_VALUE, where, column, "", "'" + column + "' is required");
                }
            }
            for (Map.Entry<String, String> cell : m.values().entrySet()) {
                String slot = cell.getKey();
                List<String> values = SssomSlots.MULTIVALUED.contains(slot) ? m.getAll(slot) : List.of(cell.getValue());
                for (String v : values) checkTyped(where, slot, v);
            }
            if (m.has(SssomSlots.PREDICATE_MODIFIER) && !m.negated()) {
                add(
                        MappingRule.INVALID_VALUE,
                        where,
                        SssomSlots.PREDICATE_MODIFIER,
                        m.get(SssomSlots.PREDICATE_MODIFIER),
                        "the only predicate_modifier is '" + SssomSlots.NEGATED + "'");
            }
            set.curieMap().expand(m.predicateId()).ifPresent(iri -> {
                if (MappingPredicate.ofIri(iri).isEmpty()) {
                    add(
                            MappingRule.UNKNOWN_PREDICATE,
                            where,
                            SssomSlots.PREDICATE_ID,
                            m.predicateId(),
                            "use skos:exactMatch, skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch, "
                                    + "owl:equivalentClass, owl:equivalentProperty, owl:sameAs, rdfs:subClassOf, "
                                    + "rdfs:subPropertyOf, oboInOwl:hasDbXref or rdfs:seeAlso");
                }
            });
            set.curieMap().expand(m.justification()).ifPresent(iri -> {
                String local =
                        iri.startsWith(AspsVocabulary.SEMAPV) ? iri.substring(AspsVocabulary.SEMAPV.length()) : null;
                if (local == null || !JUSTIFICATIONS.contains(local)) {
                    add(
                            MappingRule.INVALID_JUSTIFICATION,
                            where,
                            SssomSlots.MAPPING_JUSTIFICATION,
                            m.justification(),
                            "use a SEMAPV justification, e.g. semapv:ManualMappingCuration or semapv:LexicalMatching");
                }
            });
            set.curieMap().expand(m.subjectId()).ifPresent(iri -> {
                if (!terms.declares(iri)) {
                    add(
                            MappingRule.UNKNOWN_SUBJECT,
                            where,
                            SssomSlots.SUBJECT_ID,
                            m.subjectId(),
                            "the ontology declares no class, property or individual <" + iri + ">");
                } else if (m.has(SssomSlots.SUBJECT_LABEL) && !terms.labels(iri).contains(m.subjectLabel())) {
                    add(
                            MappingRule.SUBJECT_LABEL_MISMATCH,
                            where,
                            SssomSlots.SUBJECT_LABEL,
                            m.subjectLabel(),
                            terms.labels(iri).isEmpty()
                                    ? "the subject has no rdfs:label in the ontology"
                                    : "the ontology labels " + m.subjectId() + " '"
                                            + String.join("', '", terms.labels(iri)) + "'");
                }
            });
            if (!m.has(SssomSlots.SUBJECT_LABEL)) {
                add(
                        MappingRule.MISSING_LABEL,
                        where,
                        SssomSlots.SUBJECT_LABEL,
                        "",
                        "SSSOM recommends the subject's label");
            }
            if (!m.has(SssomSlots.OBJECT_LABEL)) {
                add(
                        MappingRule.MISSING_LABEL,
                        where,
                        SssomSlots.OBJECT_LABEL,
                        "",
                        "SSSOM recommends the object's label, as the source that was checked gives it");
            }
            boolean authored = List.of(
                            SssomSlots.AUTHOR_ID,
                            SssomSlots.AUTHOR_LABEL,
                            SssomSlots.CREATOR_ID,
                            SssomSlots.CREATOR_LABEL)
                    .stream()
                    .anyMatch(slot -> !set.values(m, slot).isEmpty());
            if (!authored) {
                add(
                        MappingRule.MISSING_AUTHOR,
                        where,
                        SssomSlots.AUTHOR_ID,
                        "",
                        "name who asserted the mapping (author_id, or creator_id for the whole set)");
            }
            boolean manual = set.curieMap()
                    .expand(m.justification())
                    .map(MANUAL_CURATION::equals)
                    .orElse(false);
            if (manual && !m.has(SssomSlots.SEE_ALSO) && !m.has(SssomSlots.COMMENT)) {
                add(
                        MappingRule.UNSOURCED_MAPPING,
                        where,
                        SssomSlots.SEE_ALSO,
                        "",
                        "say where the code was verified next to its label (see_also URL or comment)");
            }
        }

        /** Type checks of one value of a slot (row or metadata), and prefix bookkeeping. */
        void checkTyped(String where, String slot, String value) {
            if (SssomSlots.IDENTIFIERS.contains(slot)) {
                Optional<Curie> curie = Curie.parse(value);
                if (curie.isEmpty() && absolute(value) && !SssomSlots.REQUIRED_COLUMNS.contains(slot)) {
                    // SSSOM/TSV: parsers SHOULD (not MUST) reject IRIs; asps-kg only needs CURIEs in the core columns
                    add(
                            MappingRule.IDENTIFIER_NOT_CURIE,
                            where,
                            slot,
                            value,
                            "SSSOM/TSV should write identifiers as CURIEs; declare a prefix for this IRI in the curie_map");
                } else if (curie.isEmpty()) {
                    add(
                            MappingRule.INVALID_IDENTIFIER,
                            where,
                            slot,
                            value,
                            "SSSOM/TSV writes identifiers as CURIEs (prefix:id), with the prefix in the curie_map");
                } else if (!set.curieMap().knows(curie.get().prefix())) {
                    add(
                            MappingRule.UNDECLARED_PREFIX,
                            where,
                            slot,
                            value,
                            "prefix '" + curie.get().prefix() + "' is not in the curie_map");
                } else {
                    usedPrefixes.add(curie.get().prefix());
                }
            } else if (SssomSlots.URIS.contains(slot) && !absolute(value)) {
                add(MappingRule.INVALID_VALUE, where, slot, value, "'" + slot + "' must be an absolute URI");
            } else if (SssomSlots.DATES.contains(slot) && !date(value)) {
                add(MappingRule.INVALID_VALUE, where, slot, value, "'" + slot + "' must be a date, YYYY-MM-DD");
            } else if (SssomSlots.SCORES.contains(slot) && !score(value)) {
                add(MappingRule.INVALID_VALUE, where, slot, value, "'" + slot + "' must be a number from 0 to 1");
            }
        }

        void checkDuplicates() {
            Map<List<String>, Mapping> seen = new HashMap<>();
            for (Mapping m : set.mappings()) {
                List<String> key = List.of(
                        m.subjectId(),
                        m.predicateId(),
                        m.get(SssomSlots.PREDICATE_MODIFIER),
                        m.objectId(),
                        m.justification());
                Mapping first = seen.putIfAbsent(key, m);
                if (first != null) {
                    add(
                            MappingRule.DUPLICATE_MAPPING,
                            set.where(m),
                            SssomSlots.OBJECT_ID,
                            m.objectId(),
                            "same subject, predicate, object and justification as line " + first.line());
                }
            }
        }

        void checkExactMatches() {
            Map<List<String>, Mapping> bySubject = new HashMap<>();
            Map<List<String>, Mapping> byObject = new HashMap<>();
            for (Mapping m : set.mappings()) {
                boolean exact = !m.negated()
                        && set.curieMap()
                                .expand(m.predicateId())
                                .flatMap(MappingPredicate::ofIri)
                                .map(MappingPredicate::exact)
                                .orElse(false);
                Optional<Curie> subject = Curie.parse(m.subjectId());
                Optional<Curie> object = Curie.parse(m.objectId());
                if (!exact || subject.isEmpty() || object.isEmpty()) continue;
                Mapping other = bySubject.putIfAbsent(
                        List.of(m.subjectId(), object.get().prefix()), m);
                if (other != null && !other.objectId().equals(m.objectId())) {
                    add(
                            MappingRule.MULTIPLE_EXACT_MATCHES,
                            set.where(m),
                            SssomSlots.OBJECT_ID,
                            m.objectId(),
                            m.subjectId() + " already has the exact match " + other.objectId() + " in "
                                    + object.get().prefix() + " (line " + other.line() + ")");
                }
                Mapping sameCode =
                        byObject.putIfAbsent(List.of(m.objectId(), subject.get().prefix()), m);
                if (sameCode != null && !sameCode.subjectId().equals(m.subjectId())) {
                    add(
                            MappingRule.MULTIPLE_EXACT_MATCHES,
                            set.where(m),
                            SssomSlots.SUBJECT_ID,
                            m.subjectId(),
                            m.objectId() + " is already the exact match of " + sameCode.subjectId() + " (line "
                                    + sameCode.line() + ")");
                }
            }
        }

        void checkUnusedPrefixes() {
            for (String prefix : set.curieMap().declared().keySet()) {
                if (!usedPrefixes.contains(prefix)) {
                    add(
                            MappingRule.UNUSED_PREFIX,
                            file,
                            SssomSlots.CURIE_MAP,
                            prefix,
                            "no identifier in the set uses '" + prefix + "'");
                }
            }
        }
    }

    /** True for an IRI with a scheme (a fragment is allowed: IRI prefixes such as ...#). */
    static boolean absolute(String text) {
        try {
            return IRIx.create(text).scheme() != null;
        } catch (IRIException e) {
            return false;
        }
    }

    private static boolean date(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean score(String text) {
        try {
            double d = Double.parseDouble(text);
            return d >= 0 && d <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
