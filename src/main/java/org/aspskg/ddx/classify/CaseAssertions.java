package org.aspskg.ddx.classify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.DemographicGroups;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ontology.AspsVocabulary;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * Turns a case's statements into {@link CaseAssertion}s over the case properties: a finding, site
 * or group on the property whose range holds it, present or absent; age and sex into the
 * demographic groups they decide, present or absent.
 */
public final class CaseAssertions {
    private final CaseTBox tbox;
    private final DemographicGroups demographics;
    private final String groupProperty;
    /** stated class IRI → the IRI of the case property it is stated on, as looked up so far. */
    private final Map<String, String> propertyOf = new ConcurrentHashMap<>();

    public CaseAssertions(CaseTBox tbox, DemographicGroups demographics) {
        this.tbox = tbox;
        this.demographics = demographics;
        this.groupProperty = AspsVocabulary.IN_DEMOGRAPHIC_GROUP.getURI();
    }

    public List<CaseAssertion> of(PatientCase c) {
        List<CaseAssertion> out = new ArrayList<>();
        List<CaseStatement> statements = c.statements();
        int ageAt = -1;
        int sexAt = -1;
        for (int i = 0; i < statements.size(); i++) {
            CaseStatement s = statements.get(i);
            switch (s.kind()) {
                case PRESENT, ABSENT -> {
                    String property = propertyOf.get(s.term());
                    if (property == null) {
                        OWLClass cls = tbox.dataFactory().getOWLClass(IRI.create(s.term()));
                        CaseTBox.CaseProperty p = tbox.propertyOf(cls)
                                .orElseThrow(() -> new IllegalArgumentException(
                                        s.term() + " is not a finding, site or demographic group"));
                        property = p.property().getIRI().toString();
                        propertyOf.put(s.term(), property);
                    }
                    BitSet w = new BitSet();
                    w.set(i);
                    out.add(new CaseAssertion(property, s.term(), s.kind() == CaseStatement.Kind.PRESENT, w));
                }
                case AGE -> ageAt = i;
                case SEX -> sexAt = i;
            }
        }
        for (DemographicGroups.Membership m : demographics.memberships(c.ageYears(), c.sex())) {
            BitSet w = new BitSet();
            if (m.byAge() && ageAt >= 0) w.set(ageAt);
            if (m.bySex() && sexAt >= 0) w.set(sexAt);
            out.add(new CaseAssertion(groupProperty, m.group(), m.member(), w));
        }
        return out;
    }
}
