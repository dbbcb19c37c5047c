package org.aspskg.ddx.classify;

import java.util.Set;
import java.util.TreeSet;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.PatientCase;

/**
 * A classifier that classifies with another (the compiled one) and checks every case against
 * HermiT, failing when the two disagree — on the classes, or on whether the case is contradictory.
 * A disagreement is a bug in asps-kg, not in the case. Slow: one HermiT run per case.
 */
public final class HermitCheckedClassifier implements CaseClassifier {
    private static final String BUG = "This is a bug in asps-kg: please report it with the case file.";

    private final CaseClassifier checked;
    private final HermitCaseClassifier reference;

    /**
     * @param checked   the classifier whose answers are returned
     * @param reference HermiT, against which they are checked
     */
    public HermitCheckedClassifier(CaseClassifier checked, HermitCaseClassifier reference) {
        this.checked = checked;
        this.reference = reference;
    }

    @Override
    public CaseClassification classify(PatientCase c) {
        CaseClassification compiled;
        try {
            compiled = checked.classify(c);
        } catch (ContradictoryCaseException e) {
            if (reference.isConsistent(c)) {
                throw new AspsKgException(
                        "case " + c.id() + ": the compiled classifier finds it contradictory (" + e.getMessage()
                                + ") but HermiT finds it consistent",
                        BUG);
            }
            throw e;
        }
        CaseClassification hermit = reference.classify(c);
        if (!hermit.types().equals(compiled.types())) {
            Set<String> onlyHermit = new TreeSet<>(hermit.types());
            onlyHermit.removeAll(compiled.types());
            Set<String> onlyCompiled = new TreeSet<>(compiled.types());
            onlyCompiled.removeAll(hermit.types());
            throw new AspsKgException(
                    "case " + c.id() + ": HermiT and the compiled classifier disagree; only HermiT: " + onlyHermit
                            + "; only compiled: " + onlyCompiled,
                    BUG);
        }
        return compiled;
    }
}
