package org.aspskg.reason;

import java.util.Locale;
import org.aspskg.AspsKgException;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.elk.owlapi.ElkReasonerFactory;
import org.semanticweb.owlapi.reasoner.OWLReasonerFactory;

/** The reasoners asps-kg classifies with: HermiT (complete for OWL 2 DL) and ELK (fast, OWL 2 EL only). */
public enum ReasonerKind {
    /** HermiT: hypertableau, complete for OWL 2 DL; the default and the reference. */
    HERMIT("HermiT"),
    /** ELK: consequence-based, polynomial, complete only for the OWL 2 EL part of the ontology. */
    ELK("ELK");

    private final String displayName;

    ReasonerKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public OWLReasonerFactory factory() {
        return switch (this) {
            case HERMIT -> new ReasonerFactory();
            case ELK -> new ElkReasonerFactory();
        };
    }

    /** Parses a reasoner name as given on the command line ({@code hermit}, {@code elk}; any case). */
    public static ReasonerKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AspsKgException("unknown reasoner '" + name + "'", "Use hermit or elk.");
        }
    }
}
