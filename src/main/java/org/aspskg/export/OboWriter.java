package org.aspskg.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.obolibrary.obo2owl.OWLAPIOwl2Obo;
import org.obolibrary.obo2owl.Obo2OWLConstants;
import org.obolibrary.obo2owl.OwlStringTools;
import org.obolibrary.oboformat.model.Clause;
import org.obolibrary.oboformat.model.Frame;
import org.obolibrary.oboformat.model.OBODoc;
import org.obolibrary.oboformat.parser.OBOFormatConstants.OboFormatTag;
import org.obolibrary.oboformat.writer.OBOFormatWriter;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotation;
import org.semanticweb.owlapi.model.OWLAnnotationProperty;
import org.semanticweb.owlapi.model.OWLAnnotationValue;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClassAssertionAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLDeclarationAxiom;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;

/**
 * Writes OBO 1.4 with the OWL API 5's translator, as ROBOT 1.9.8 (OWL API 4) writes it where the two
 * OWL APIs differ, and keeping in the {@code owl-axioms:} header what both drop without a word:
 *
 * <ul>
 *   <li>A language-tagged annotation value in a frame (OBO has no language tags) is written as ROBOT
 *       writes it, {@code "text" xsd:string}. The OWL API 5 keeps the datatype and drops the tag,
 *       {@code "text" rdf:langString}, which no reader accepts ({@code robot report}: "datatype
 *       rdf:langString requires a language tag").
 *   <li>The {@code owl-axioms:} header (what OBO has no tag for, in OWL functional syntax) declares
 *       what its axioms use, as the OWL API 4 writes it; the OWL API 5 writes the bare axioms.
 *   <li>Class assertions, and the individuals, data properties and annotation properties (those
 *       that are not OBO tags) with their declarations and annotations, go into that header: OBO
 *       has no frame for them, and both OWL APIs leave them out of the file. So asps.obo keeps the
 *       statement nodes, the references and the evidence weights, and {@code robot report} finds no
 *       missing labels in it.
 * </ul>
 *
 * <p>Terms keep their full IRIs ({@code id: https://w3id.org/asps-kg/Mass}). ROBOT writes {@code
 * idspace:} lines and CURIEs ({@code aspskg:Mass}); the OWL API 4 expands them back, but the OWL
 * API 5 ignores {@code idspace:} and reads {@code aspskg:Mass} as {@code
 * http://purl.obolibrary.org/obo/aspskg_Mass}. Full IRIs read back the same in both.
 *
 * <p>The header's {@code data-version:} is the version IRI, as ROBOT writes it. No OBO file can give
 * it back: both OWL APIs read {@code data-version: V} of {@code ontology: O} as the version IRI
 * {@code http://purl.obolibrary.org/obo/O/V/O.owl}, which is only right for ontologies under the
 * OBO PURL; ROBOT's own OBO of asps.owl reads back the same way (the release tests pin this).
 */
final class OboWriter {
    private OboWriter() {}

    static void write(OWLOntology ontology, OutputStream out) throws IOException {
        Translator translator = new Translator(ontology.getOWLOntologyManager());
        // What OBO cannot say goes into the owl-axioms header; no complaint per axiom on the console.
        translator.setMuteUntranslatableAxioms(true);
        OBODoc doc = translator.convert(ontology);
        replaceOwlAxioms(
                doc,
                translator.getUntranslatableAxioms(),
                ontology.getOWLOntologyManager().getOWLDataFactory());
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        new OBOFormatWriter().write(doc, writer);
        writer.flush();
    }

    /**
     * The owl-axioms header with the declarations of what its axioms use (the OWL API 4's form). The
     * OWL API's own rendering of the axioms, so it reads back as before; declarations of built-in
     * entities (xsd:decimal, owl:Thing) left out, as the OWL API 4 leaves them out.
     */
    private static void replaceOwlAxioms(OBODoc doc, Collection<OWLAxiom> untranslatable, OWLDataFactory df) {
        Frame header = doc.getHeaderFrame();
        if (header == null || untranslatable.isEmpty()) return;
        Clause clause = header.getClause(OboFormatTag.TAG_OWL_AXIOMS);
        if (clause == null) return;
        Set<OWLAxiom> axioms = new TreeSet<>(untranslatable);
        untranslatable.stream()
                .flatMap(OWLAxiom::signature)
                .filter(e -> !e.isBuiltIn())
                .map(df::getOWLDeclarationAxiom)
                .forEach(axioms::add);
        clause.setValue(OwlStringTools.translate(axioms));
    }

    /** The OWL API 5's OWL-to-OBO translator, with the corrections of the class comment. */
    private static final class Translator extends OWLAPIOwl2Obo {
        private static final String METADATA_TAG = OboFormatTag.TAG_IS_METADATA_TAG.getTag();

        Translator(OWLOntologyManager manager) {
            super(manager);
        }

        @Override
        protected boolean trGenericPropertyValue(
                OWLAnnotationProperty prop, OWLAnnotationValue annVal, Stream<OWLAnnotation> qualifiers, Frame frame) {
            OWLAnnotationValue value = annVal;
            if (annVal instanceof OWLLiteral literal && literal.hasLang()) {
                value = manager.getOWLDataFactory().getOWLLiteral(literal.getLiteral());
            }
            return super.trGenericPropertyValue(prop, value, qualifiers, frame);
        }

        /**
         * An individual, data property or annotation property has no OBO frame (an annotation
         * property has one when it is a metadata tag, and needs none when it is an OBO tag): both OWL
         * APIs drop its declaration and what is said of it (label, definition, comment). Here they go
         * into the owl-axioms header, where they keep their language tags. What is said of an IRI
         * that is a class or object property too (punning) is in that term's frame already.
         */
        @Override
        protected void tr(OWLDeclarationAxiom axiom) {
            super.tr(axiom);
            OWLEntity e = axiom.getEntity();
            if (e.isBuiltIn() || e.isOWLClass() || e.isOWLObjectProperty() || e.isOWLDatatype()) return;
            IRI iri = e.getIRI();
            if (e.isOWLAnnotationProperty()
                    && (ANNOTATIONPROPERTYMAP.containsKey(iri.toString())
                            || iri.toString().startsWith(Obo2OWLConstants.OIOVOCAB_IRI_PREFIX))) {
                return; // an OBO tag (def, xref, synonym …): OBO readers declare and name it themselves
            }
            if (e.isOWLAnnotationProperty()
                    && owlOntology
                            .annotationAssertionAxioms(iri)
                            .anyMatch(a -> METADATA_TAG.equals(owlObjectToTag(a.getProperty())))) {
                return; // a Typedef frame
            }
            untranslatableAxioms.add(axiom);
            if (owlOntology.containsClassInSignature(iri) || owlOntology.containsObjectPropertyInSignature(iri)) {
                return;
            }
            owlOntology.annotationAssertionAxioms(iri).forEach(untranslatableAxioms::add);
        }

        /**
         * A class assertion goes into the owl-axioms header. Both OWL APIs translate only the two that
         * declare OBO subsets and synonym types and drop every other one ("TODO: individual"), so
         * ROBOT's OBO has none of the statement nodes' types.
         */
        @Override
        protected void tr(OWLClassAssertionAxiom ax) {
            String cls = ax.getClassExpression().isNamed()
                    ? ax.getClassExpression().asOWLClass().getIRI().toString()
                    : "";
            if (cls.equals(Obo2OWLConstants.DEFAULT_IRI_PREFIX + "IAO_synonymtypedef")
                    || cls.equals(Obo2OWLConstants.DEFAULT_IRI_PREFIX + "IAO_subsetdef")) {
                super.tr(ax);
            } else {
                untranslatableAxioms.add(ax);
            }
        }
    }
}
