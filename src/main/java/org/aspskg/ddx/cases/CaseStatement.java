package org.aspskg.ddx.cases;

/**
 * One thing a case states, as its author wrote it: a finding, site or demographic group that is
 * present or stated absent (resolved to an ontology class), or the patient's age or sex.
 *
 * @param kind     what sort of statement
 * @param written  the text as written in the case (a name, CURIE or IRI; the age; the sex)
 * @param term     the class IRI a present or absent statement names; null for age and sex
 * @param termLabel the class' label; for age and sex the written value
 * @param position where it was written
 */
public record CaseStatement(Kind kind, String written, String term, String termLabel, SourcePosition position) {

    /** The sorts of statement a case makes. */
    public enum Kind {
        PRESENT,
        ABSENT,
        AGE,
        SEX
    }

    public static CaseStatement present(String written, String term, String label, SourcePosition at) {
        return new CaseStatement(Kind.PRESENT, written, term, label, at);
    }

    public static CaseStatement absent(String written, String term, String label, SourcePosition at) {
        return new CaseStatement(Kind.ABSENT, written, term, label, at);
    }

    public static CaseStatement age(int years, SourcePosition at) {
        return new CaseStatement(Kind.AGE, Integer.toString(years), null, "age " + years, at);
    }

    public static CaseStatement sex(String sex, SourcePosition at) {
        return new CaseStatement(Kind.SEX, sex, null, "sex " + sex, at);
    }

    /** How the statement reads in a message: {@code 'flow voids' (flow voids on MRI, absent) at file:3:5}. */
    public String describe() {
        String what = switch (kind) {
            case PRESENT -> "'" + written + "'" + (written.equals(termLabel) ? "" : " (" + termLabel + ")");
            case ABSENT -> "absent '" + written + "'" + (written.equals(termLabel) ? "" : " (" + termLabel + ")");
            case AGE, SEX -> termLabel;
        };
        return what + " at " + position;
    }
}
