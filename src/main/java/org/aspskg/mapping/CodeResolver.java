package org.aspskg.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;

/**
 * Finds the mappings of an external code in a mapping set. The code may be written as a CURIE
 * ({@code NCIT:C0000}, prefix in any case), a full IRI (with or without angle brackets), or a bare
 * SNOMED CT identifier (digits only), which is read with the set's SCTID prefix.
 */
public final class CodeResolver {
    private static final Pattern SNOMED_ID = Pattern.compile("\\d{6,18}");

    private final MappingSet set;

    public CodeResolver(MappingSet set) {
        this.set = set;
    }

    /** A code as the set writes it: its CURIE and the IRI the CURIE expands to. */
    public record Code(Curie curie, String iri) {}

    /** What the set says about a code: the mappings that have it as object, positive and negated. */
    public record Resolution(Code code, List<Mapping> matches, List<Mapping> negated) {
        public boolean mapped() {
            return !matches.isEmpty();
        }
    }

    /**
     * Reads the user's text as a code of one of the set's vocabularies; fails with a hint when the
     * text is not a CURIE, IRI or SNOMED CT id, or names a vocabulary the set does not declare.
     */
    public Code parse(String text) {
        String input = text.strip();
        if (input.startsWith("<") && input.endsWith(">")) input = input.substring(1, input.length() - 1);
        CurieMap curies = set.curieMap();
        Optional<Curie> curie = Curie.parse(input);
        if (curie.isPresent()) {
            Optional<String> prefix = curies.prefixIgnoringCase(curie.get().prefix());
            if (prefix.isPresent()) {
                Curie normal = new Curie(prefix.get(), curie.get().localId());
                return new Code(normal, curies.expand(normal).orElseThrow());
            }
        }
        if (MappingSetChecker.absolute(input) && (input.contains("://") || curie.isEmpty())) {
            String iri = input;
            Curie compressed = curies.compress(iri)
                    .orElseThrow(() -> new AspsKgException(
                            "<" + iri + "> is in none of the vocabularies of " + set.source(),
                            "Known IRI prefixes: "
                                    + String.join(", ", curies.declared().values()) + "."));
            return new Code(compressed, iri);
        }
        if (SNOMED_ID.matcher(input).matches()) {
            String prefix = snomedPrefix()
                    .orElseThrow(() -> new AspsKgException(
                            text + " looks like a SNOMED CT id, but " + set.source() + " declares no "
                                    + AspsVocabulary.SNOMED_CT_PREFIX + " prefix",
                            "Write the code as a CURIE, e.g. NCIT:C0000."));
            Curie sct = new Curie(prefix, input);
            return new Code(sct, curies.expand(sct).orElseThrow());
        }
        if (curie.isPresent()) {
            throw new AspsKgException(
                    "unknown vocabulary prefix '" + curie.get().prefix() + "' in " + text,
                    "The mapping set's prefixes are "
                            + String.join(", ", curies.declared().keySet()) + ".");
        }
        throw new AspsKgException(
                "'" + text + "' is not a CURIE, an IRI or a SNOMED CT id",
                "Write a code as PREFIX:ID (e.g. NCIT:C0000), as a full IRI, or as a bare SNOMED CT number.");
    }

    /** Parses the text and collects the mappings whose object is that code. */
    public Resolution resolve(String text) {
        Code code = parse(text);
        List<Mapping> objectMatches = set.mappings().stream()
                .filter(m -> set.curieMap()
                        .expand(m.objectId())
                        .map(code.iri()::equals)
                        .orElse(false))
                .toList();
        return new Resolution(
                code,
                objectMatches.stream().filter(m -> !m.negated()).toList(),
                objectMatches.stream().filter(Mapping::negated).toList());
    }

    /** The (positive) mappings whose subject is the given IRI: the external codes of one of our terms. */
    public List<Mapping> codesOf(String subjectIri) {
        return set.mappings().stream()
                .filter(m -> !m.negated())
                .filter(m -> set.curieMap()
                        .expand(m.subjectId())
                        .map(subjectIri::equals)
                        .orElse(false))
                .toList();
    }

    /** The set's SNOMED CT prefix: SCTID (any case), else the prefix of http://snomed.info/id/. */
    private Optional<String> snomedPrefix() {
        Optional<String> byName = set.curieMap().prefixIgnoringCase(AspsVocabulary.SNOMED_CT_PREFIX);
        if (byName.isPresent()) return byName;
        return set.curieMap().declared().entrySet().stream()
                .filter(e -> e.getValue().equals(AspsVocabulary.SNOMED_CT))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
