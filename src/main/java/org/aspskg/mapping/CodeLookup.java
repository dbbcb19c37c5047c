package org.aspskg.mapping;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;

/**
 * The operation behind {@code asps-kg map CODE}: resolve the code in the mapping set and describe
 * each asps-kg term it maps to. A CURIE or IRI of one of our own terms describes that term with
 * its external codes.
 */
public final class CodeLookup {
    private final MappingSet set;
    private final CodeResolver resolver;
    private final TermDescriber describer;

    public CodeLookup(MappingSet set, Model ontology) {
        this.set = set;
        this.resolver = new CodeResolver(set);
        this.describer = new TermDescriber(ontology);
    }

    /** One asps-kg term the code leads to: the mapping (null for our own term), the term, its codes. */
    public record MappedTerm(Mapping mapping, TermDescription term, List<Mapping> codes) {}

    /** The code, the label the set gives it, the terms it maps to and the terms it is stated not to match. */
    public record Result(CodeResolver.Code code, String codeLabel, List<MappedTerm> terms, List<Mapping> negated) {
        public boolean found() {
            return !terms.isEmpty();
        }
    }

    public Result lookup(String text) {
        CodeResolver.Resolution resolution = resolver.resolve(text);
        List<MappedTerm> terms = new ArrayList<>();
        String codeLabel = "";
        for (Mapping m : resolution.matches()) {
            String subject = set.curieMap().expand(m.subjectId()).orElse(m.subjectId());
            terms.add(new MappedTerm(m, describer.describe(subject), resolver.codesOf(subject)));
            if (codeLabel.isEmpty()) codeLabel = m.objectLabel();
        }
        if (terms.isEmpty()) {
            String iri = resolution.code().iri();
            List<Mapping> codes = resolver.codesOf(iri);
            if (!codes.isEmpty() || describer.knows(iri)) {
                TermDescription own = describer.describe(iri);
                if (!codes.isEmpty() || !own.labels().isEmpty()) {
                    terms.add(new MappedTerm(null, own, codes));
                    codeLabel = own.label();
                }
            }
        }
        if (codeLabel.isEmpty() && !resolution.negated().isEmpty())
            codeLabel = resolution.negated().get(0).objectLabel();
        return new Result(resolution.code(), codeLabel, terms, resolution.negated());
    }

    public MappingSet mappingSet() {
        return set;
    }
}
