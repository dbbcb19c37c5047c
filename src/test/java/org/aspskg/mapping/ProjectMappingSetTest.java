package org.aspskg.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportRow;
import org.junit.jupiter.api.Test;

/** The project's own mapping set passes {@code map --check}, and every mapped subject is one of our terms. */
class ProjectMappingSetTest {
    @Test
    void theProjectsMappingSetHasNoErrors() {
        assumeTrue(Files.exists(SssomReader.DEFAULT_MAPPING_SET), "ontology/mappings/asps.sssom.tsv not merged yet");
        QualityReport report =
                MappingSetChecker.check(SssomReader.DEFAULT_MAPPING_SET, OntologyLoader.DEFAULT_ONTOLOGY);
        List<ReportRow> errors = report.rows(Level.ERROR);
        assertEquals(List.of(), errors);
    }

    @Test
    void everyMappedSubjectIsATermOfTheOntologyWithThatLabel() {
        assumeTrue(Files.exists(SssomReader.DEFAULT_MAPPING_SET), "ontology/mappings/asps.sssom.tsv not merged yet");
        MappingSet set = SssomReader.read(SssomReader.DEFAULT_MAPPING_SET);
        OntologyTerms terms = new OntologyTerms(OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY));
        assertTrue(!set.mappings().isEmpty());
        for (Mapping m : set.mappings()) {
            String iri = set.curieMap()
                    .expand(m.subjectId())
                    .orElseThrow(() -> new AssertionError(set.where(m) + " " + m.subjectId()));
            assertTrue(terms.declares(iri), set.where(m) + ": " + m.subjectId() + " is not in the ontology");
            if (m.has(SssomSlots.SUBJECT_LABEL)) {
                assertTrue(terms.labels(iri).contains(m.subjectLabel()), set.where(m) + ": label " + m.subjectLabel());
            }
        }
    }
}
