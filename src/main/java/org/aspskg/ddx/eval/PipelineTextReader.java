package org.aspskg.ddx.eval;

import java.util.ArrayList;
import java.util.List;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cases.CaseReading;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.text.PhraseReading;

/**
 * The product's free-text path as the evaluation's reader: the case text goes through
 * {@code ddx --text} (the text index's annotator, not strict: unknown phrases are reported and the case
 * is ranked on the rest); each phrase read as a term is a resolved span, each unknown or ambiguous one
 * is reported as not understood.
 */
public final class PipelineTextReader implements TextCaseReader {
    private final DdxKnowledge knowledge;

    public PipelineTextReader(DdxKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String name() {
        return "the free-text annotator (ddx --text)";
    }

    @Override
    public TextCase read(String id, String text) {
        PatientCase c = knowledge.pipeline().read(CaseInput.text(text, id), false);
        List<Resolved> resolved = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (CaseReading cr : c.readings()) {
            PhraseReading r = cr.reading();
            switch (r.outcome()) {
                case TERM ->
                    resolved.add(
                            new Resolved(r.start(), r.end(), r.text(), r.term().iri(), !cr.absent()));
                case AMBIGUOUS, UNKNOWN -> unresolved.add(cr.describe());
                case NOT_USED -> {}
            }
        }
        return new TextCase(c, resolved, unresolved);
    }
}
