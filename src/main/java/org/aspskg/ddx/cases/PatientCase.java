package org.aspskg.ddx.cases;

import java.util.List;

/**
 * A patient case as read from a file, before reasoning: its identity and its statements in the
 * order written. Age and sex are statements too (so a contradiction can point at them) and are
 * also kept as values.
 *
 * @param iri        the case's IRI (for a JSON case {@code https://w3id.org/asps-kg/case/<id>})
 * @param id         a short identifier: the JSON id or the IRI's local name
 * @param label      a human-readable title, or null
 * @param ageYears   age at presentation in whole years, or null when not given
 * @param sex        "female" or "male" (the values of {@code aspskg:requiresSex}), or null
 * @param statements everything the case states, in order
 * @param source     the file (or input name) it was read from
 * @param readings   how each phrase or span of free text was read (empty for a Turtle case, whose
 *                   statements name classes by IRI)
 */
public record PatientCase(
        String iri,
        String id,
        String label,
        Integer ageYears,
        String sex,
        List<CaseStatement> statements,
        String source,
        List<CaseReading> readings) {

    public PatientCase {
        statements = List.copyOf(statements);
        readings = List.copyOf(readings);
    }

    /** A case without readings (Turtle, cohorts). */
    public PatientCase(
            String iri,
            String id,
            String label,
            Integer ageYears,
            String sex,
            List<CaseStatement> statements,
            String source) {
        this(iri, id, label, ageYears, sex, statements, source, List.of());
    }

    /** The readings of one outcome (e.g. what was not understood). */
    public List<CaseReading> readings(org.aspskg.text.PhraseReading.Outcome outcome) {
        return readings.stream().filter(r -> r.reading().outcome() == outcome).toList();
    }

    /** The statements of one kind, in order. */
    public List<CaseStatement> statements(CaseStatement.Kind kind) {
        return statements.stream().filter(s -> s.kind() == kind).toList();
    }
}
