package org.aspskg.ddx.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The ontology's demographic groups with their criteria ({@code aspskg:minimumAgeYears},
 * {@code maximumAgeYears}, {@code requiresSex}), and which of them a patient of a known age and
 * sex belongs to. A known age or sex is complete knowledge: a 50-year-old is stated not to be a
 * young adult, so the reasoner and the ranker may count the absence.
 *
 * <p>Also the one place that says which group a sex stands for ({@link #groupOfSex}) and back
 * ({@link #sexOfGroup}): the JSON format states a sex, the Turtle format a group.
 */
public final class DemographicGroups {
    private final List<Group> groups;
    private final Set<String> sexes;

    /** A group and its criteria; null criteria do not constrain. */
    public record Group(String iri, Integer minimumAge, Integer maximumAge, String sex) {
        public boolean usesAgeCriteria() {
            return minimumAge != null || maximumAge != null;
        }
    }

    /** Whether a patient is in a group, and which of age and sex decided it. */
    public record Membership(String group, boolean member, boolean byAge, boolean bySex) {}

    public DemographicGroups(Model ontology) {
        List<Group> out = new ArrayList<>();
        Set<String> sexValues = new TreeSet<>();
        ontology.listSubjectsWithProperty(RDF.type, OWL2.Class).forEach(r -> {
            if (!r.isURIResource()) return;
            Integer min = integer(r, AspsVocabulary.MINIMUM_AGE_YEARS);
            Integer max = integer(r, AspsVocabulary.MAXIMUM_AGE_YEARS);
            Statement sex = r.getProperty(AspsVocabulary.REQUIRES_SEX);
            if (min == null && max == null && sex == null) return;
            String s = sex == null ? null : sex.getString();
            if (s != null) sexValues.add(s);
            out.add(new Group(r.getURI(), min, max, s));
        });
        out.sort((a, b) -> a.iri().compareTo(b.iri()));
        this.groups = List.copyOf(out);
        // sorted, not Set.copyOf: an immutable set iterates in an order salted per JVM, and the demographic
        // model sums its cells in this order, so the last bits of a posterior would change from run to run
        this.sexes = java.util.Collections.unmodifiableSet(sexValues);
    }

    private static Integer integer(Resource r, Property p) {
        Statement s = r.getProperty(p);
        return s == null ? null : s.getInt();
    }

    /** The sexes the ontology's groups distinguish (the values of aspskg:requiresSex). */
    public Set<String> sexes() {
        return sexes;
    }

    public List<Group> groups() {
        return groups;
    }

    /** The group that stands for a sex alone (FemaleGroup for "female"): a sex criterion and no age criteria. */
    public Optional<String> groupOfSex(String sex) {
        return groups.stream()
                .filter(g -> sex.equalsIgnoreCase(g.sex()) && !g.usesAgeCriteria())
                .map(Group::iri)
                .findFirst();
    }

    /** The sex a group stands for when it has a sex criterion and no age criteria (FemaleGroup, MaleGroup). */
    public Optional<String> sexOfGroup(String group) {
        return groups.stream()
                .filter(g -> g.iri().equals(group) && g.sex() != null && !g.usesAgeCriteria())
                .map(Group::sex)
                .findFirst();
    }

    /**
     * The groups whose membership the age and sex decide (either may be null): member when every
     * criterion of the group is known and met, not a member when a known criterion fails.
     */
    public List<Membership> memberships(Integer age, String sex) {
        List<Membership> out = new ArrayList<>();
        for (Group g : groups) {
            boolean ageKnown = g.usesAgeCriteria() && age != null;
            boolean sexKnown = g.sex() != null && sex != null;
            boolean ageFails = ageKnown
                    && ((g.minimumAge() != null && age < g.minimumAge())
                            || (g.maximumAge() != null && age > g.maximumAge()));
            boolean sexFails = sexKnown && !g.sex().equalsIgnoreCase(sex);
            if (ageFails || sexFails) {
                out.add(new Membership(g.iri(), false, ageFails, sexFails));
            } else if ((!g.usesAgeCriteria() || ageKnown) && (g.sex() == null || sexKnown)) {
                out.add(new Membership(g.iri(), true, ageKnown, sexKnown));
            }
        }
        return out;
    }
}
