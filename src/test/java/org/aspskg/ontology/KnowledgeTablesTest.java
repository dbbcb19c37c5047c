package org.aspskg.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources, association and frequency-word tables compile into the ontology, and bad cells are named. */
class KnowledgeTablesTest {
    @TempDir
    Path tmp;

    private Path edit;

    @BeforeEach
    void copyOntology() throws IOException {
        edit = EditSourceCopies.copy(tmp);
        write(
                FrequencyWords.RELATIVE_PATH,
                "word\tfrequency\thpo_class\tsource\tnote",
                "very frequent\t0.9\tobo:HP_0040281\thttps://monarch-initiative.github.io/phenol/hpo/frequencies/\t80-99 %");
        write(
                SourceTable.RELATIVE_PATH,
                "id\ttitle\tauthors\tyear\tjournal\tdoi\tpmid\turl\tkind",
                "src:jones1993\tSynovial sarcoma: MR imaging findings\tJones BC, Sundaram M\t1993\tAJR\t10.2214/ajr.161.4.8396847"
                        + "\t8396847\thttps://pubmed.ncbi.nlm.nih.gov/8396847/\tseries");
    }

    private void write(Path rel, String... lines) throws IOException {
        Files.write(edit.resolveSibling(rel), List.of(lines));
    }

    private void associations(String... rows) throws IOException {
        String[] lines = new String[rows.length + 1];
        lines[0] = "id\tlabel\tdisease\tfeature\tfrequency\twords\tsource\tlocator";
        System.arraycopy(rows, 0, lines, 1, rows.length);
        write(AssociationTable.RELATIVE_PATH, lines);
    }

    private static Property p(Model m, String local) {
        return m.createProperty(AspsVocabulary.iri(local));
    }

    @Test
    void aFrequencyIsAProportionACountOrAWordAndEachBecomesAProportion() throws IOException {
        associations(
                "fact:ss-calc\tsynovial sarcoma: calcification\taspskg:SynovialSarcoma\taspskg:CalcificationOnCT\t6/31\t\tsrc:jones1993\tTable 2",
                "fact:ss-deep\tsynovial sarcoma: deep\taspskg:SynovialSarcoma\taspskg:DeepSoftTissue\t0.85\tmostly deep\tsrc:jones1993\tabstract",
                "fact:ss-t2\tsynovial sarcoma: T2 bright\taspskg:SynovialSarcoma\taspskg:T2HyperintenseSignal\tvery frequent\t\tsrc:jones1993\t");
        Model m = OntologyLoader.readRdf(edit);
        Resource calc = m.getResource(AspsVocabulary.FACT_NS + "ss-calc");
        assertEquals("0.1935", calc.getProperty(p(m, "frequency")).getLiteral().getLexicalForm());
        assertEquals(6, calc.getProperty(p(m, "frequencyNumerator")).getInt());
        assertEquals(31, calc.getProperty(p(m, "frequencyDenominator")).getInt());
        assertEquals("Table 2", calc.getProperty(p(m, "locator")).getString());
        Resource deep = m.getResource(AspsVocabulary.FACT_NS + "ss-deep");
        assertEquals("0.85", deep.getProperty(p(m, "frequency")).getLiteral().getLexicalForm());
        assertEquals("mostly deep", deep.getProperty(p(m, "sourceWords")).getString());
        Resource t2 = m.getResource(AspsVocabulary.FACT_NS + "ss-t2");
        assertEquals("0.9", t2.getProperty(p(m, "frequency")).getLiteral().getLexicalForm());
        Resource word = t2.getPropertyResourceValue(p(m, "frequencyWord"));
        assertEquals(AspsVocabulary.FREQUENCY_NS + "very-frequent", word.getURI());
        assertEquals(
                "http://purl.obolibrary.org/obo/HP_0040281",
                word.getPropertyResourceValue(RDFS.seeAlso).getURI());
    }

    @Test
    void aSourceRowBecomesACitableWorkWithItsIdentifiers() throws IOException {
        associations("fact:ss-calc\tx\taspskg:SynovialSarcoma\taspskg:CalcificationOnCT\t6/31\t\tsrc:jones1993\t");
        Model m = OntologyLoader.readRdf(edit);
        Resource source = m.getResource(AspsVocabulary.SOURCE_NS + "jones1993");
        assertTrue(source.hasProperty(RDF.type, m.getResource(AspsVocabulary.iri("SourceArticle"))));
        Set<String> ids = m.listObjectsOfProperty(source, DCTerms.identifier)
                .mapWith(n -> ((Literal) n).getString())
                .toSet();
        assertEquals(Set.of("doi:10.2214/ajr.161.4.8396847", "pmid:8396847"), ids);
        assertEquals(
                "https://pubmed.ncbi.nlm.nih.gov/8396847/",
                source.getPropertyResourceValue(RDFS.seeAlso).getURI());
        assertEquals(
                "Synovial sarcoma: MR imaging findings (Jones BC 1993)",
                source.getProperty(RDFS.label).getString());
    }

    @Test
    void aWordThatIsNotInTheWordTableIsNamedWithItsLineAndColumn() throws IOException {
        associations("fact:a\ta\taspskg:SynovialSarcoma\taspskg:CalcificationOnCT\tquite often\t\tsrc:jones1993\t");
        AspsKgException e = assertThrows(AspsKgException.class, () -> OntologyLoader.readRdf(edit));
        assertTrue(
                e.getMessage()
                        .endsWith("associations.tsv:2: column frequency: 'quite often' is neither a proportion, "
                                + "a count nor a word of frequency-words.tsv"),
                e.getMessage());
    }

    @Test
    void aCountLargerThanItsTotalIsRefused() throws IOException {
        associations("fact:a\ta\taspskg:SynovialSarcoma\taspskg:CalcificationOnCT\t32/31\t\tsrc:jones1993\t");
        AspsKgException e = assertThrows(AspsKgException.class, () -> OntologyLoader.readRdf(edit));
        assertTrue(e.getMessage().contains("associations.tsv:2: column frequency: '32/31'"), e.getMessage());
    }
}
