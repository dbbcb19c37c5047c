package org.aspskg.ddx.classify;

import java.util.List;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.CaseStatement;

/**
 * A case whose statements contradict each other given the ontology (OWL: the case ABox with the
 * TBox is inconsistent). Names the statements on each side of the clash.
 */
public final class ContradictoryCaseException extends AspsKgException {
    private final List<CaseStatement> one;
    private final List<CaseStatement> other;

    public ContradictoryCaseException(String caseId, List<CaseStatement> one, List<CaseStatement> other, String why) {
        super(
                "case " + caseId + " is contradictory: " + describe(one) + " and " + describe(other)
                        + " cannot both hold" + (why == null ? "" : " (" + why + ")"),
                "Remove or correct one of the clashing statements.");
        this.one = List.copyOf(one);
        this.other = List.copyOf(other);
    }

    private static String describe(List<CaseStatement> statements) {
        if (statements.isEmpty()) return "the case";
        return String.join(
                " with ", statements.stream().map(CaseStatement::describe).toList());
    }

    /** The statements on one side of the clash. */
    public List<CaseStatement> one() {
        return one;
    }

    /** The statements on the other side. */
    public List<CaseStatement> other() {
        return other;
    }
}
