package org.aspskg.ontology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.RIOT;
import org.apache.jena.vocabulary.OWL2;
import org.aspskg.AspsKgException;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.FunctionalSyntaxDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.OWLParserException;
import org.semanticweb.owlapi.io.UnparsableOntologyException;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.OWLOntologyStorageException;
import org.semanticweb.owlapi.model.PrefixManager;
import org.semanticweb.owlapi.util.DefaultPrefixManager;
import org.semanticweb.owlapi.util.SimpleIRIMapper;

/**
 * The ontology as curators edit it, compiled into the one ontology every other stage reads.
 *
 * <p>The edit source is an OWL Functional Syntax file ({@code ontology/asps-edit.ofn}) in which every
 * axiom carries its provenance inline ({@code SubClassOf(Annotation(dcterms:source …) A B)}), so one fact
 * lives in one place. It imports modules from local files (the case and ranking vocabulary,
 * {@code modules/case-model.ofn}), and the repetitive disease–feature associations are rows of
 * {@link AssociationTable}. Compiling merges the imports and the table into one ontology with the edit
 * source's ontology IRI and version (no {@code owl:imports} left, as OBO releases merge theirs) and
 * renders it as RDF in the form the project has always stored: an annotated axiom's reification repeats
 * its class expression rather than sharing the node. Compiled results are cached by the inputs' paths,
 * sizes and modification times.
 */
public final class EditSource {
    /** The file extension that marks an edit source (rather than an RDF file). */
    public static final String EXTENSION = ".ofn";

    private static final Pattern IMPORT = Pattern.compile("Import\\(\\s*<([^>]+)>\\s*\\)");
    private static final Pattern ONTOLOGY_IRI = Pattern.compile("(?m)^\\s*Ontology\\(\\s*<([^>]+)>");
    private static final Pattern PREFIX = Pattern.compile("Prefix\\(\\s*([A-Za-z_][\\w.-]*)?:=<([^>]+)>\\s*\\)");
    /** Where the OWL API's Functional Syntax parser says it stopped ("… at line 12, column 3."). */
    private static final Pattern PARSER_POSITION = Pattern.compile("at line (\\d+), column (\\d+)");

    private static final Map<List<FileStamp>, String> CACHE = new ConcurrentHashMap<>();

    private EditSource() {}

    /** True for a path that names an edit source. */
    public static boolean isEditSource(Path file) {
        return file.getFileName().toString().endsWith(EXTENSION);
    }

    /** The compiled ontology as Turtle text (the asserted graph's serialization). */
    public static String compiledTurtle(Path editFile) {
        Map<String, Path> imports = resolveImports(editFile);
        List<FileStamp> key =
                inputFiles(editFile, imports).stream().map(FileStamp::of).toList();
        return CACHE.computeIfAbsent(key, k -> compile(editFile, imports));
    }

    /** Every file the compiled ontology depends on: the edit source, its imports and the tables beside it. */
    public static List<Path> inputFiles(Path editFile) {
        return inputFiles(editFile, resolveImports(editFile));
    }

    private static List<Path> inputFiles(Path editFile, Map<String, Path> imports) {
        Path root = editFile.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        files.add(editFile);
        files.addAll(imports.values());
        for (Path table :
                List.of(AssociationTable.RELATIVE_PATH, SourceTable.RELATIVE_PATH, FrequencyWords.RELATIVE_PATH)) {
            files.add(root.resolve(table));
        }
        return files;
    }

    /** The compiled ontology as a Jena model. */
    public static Model compiledRdf(Path editFile) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(compiledTurtle(editFile), Lang.TURTLE).parse(model);
        return model;
    }

    private static String compile(Path editFile, Map<String, Path> imports) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        imports.forEach((iri, file) ->
                manager.getIRIMappers().add(new SimpleIRIMapper(IRI.create(iri), IRI.create(file.toUri()))));
        OWLOntology edited;
        try {
            edited = manager.loadOntologyFromOntologyDocument(
                    new FileDocumentSource(editFile.toFile(), new FunctionalSyntaxDocumentFormat()));
        } catch (OWLOntologyCreationException e) {
            throw syntaxError(editFile, e);
        }
        FunctionalSyntaxDocumentFormat format = new FunctionalSyntaxDocumentFormat();
        prefixes(editFile).forEach(format::setPrefix);
        OWLOntologyManager out = OWLManager.createOWLOntologyManager();
        OWLOntology merged;
        try {
            merged = out.createOntology(edited.getOntologyID());
        } catch (OWLOntologyCreationException e) {
            throw new IllegalStateException(e);
        }
        edited.annotations()
                .forEach(a -> out.applyChange(new org.semanticweb.owlapi.model.AddOntologyAnnotation(merged, a)));
        List<OWLAxiom> axioms = new ArrayList<>();
        edited.importsClosure().forEach(o -> o.axioms().forEach(axioms::add));
        PrefixManager pm = new DefaultPrefixManager();
        format.getPrefixName2PrefixMap().forEach(pm::setPrefix);
        axioms.addAll(compileTables(editFile.toAbsolutePath().getParent(), pm, out.getOWLDataFactory()));
        axioms.addAll(derived(axioms, editFile.toAbsolutePath().getParent(), pm));
        out.addAxioms(merged, axioms.stream());
        TurtleDocumentFormat turtle = new TurtleDocumentFormat();
        turtle.copyPrefixesFrom(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            out.saveOntology(merged, turtle, bytes);
        } catch (OWLOntologyStorageException e) {
            throw new IllegalStateException(e);
        }
        Model model = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(bytes.toByteArray()))
                .lang(Lang.TURTLE)
                .parse(model);
        unshareAnnotatedTargets(model);
        format.getPrefixName2PrefixMap().forEach((p, ns) -> model.setNsPrefix(p.substring(0, p.length() - 1), ns));
        // '@prefix' directives, which every Turtle parser reads (the OWL API's does not read 'PREFIX')
        return RDFWriter.source(model)
                .format(RDFFormat.TURTLE_PRETTY)
                .set(RIOT.symTurtleDirectiveStyle, "at")
                .asString();
    }

    /** The axioms of the knowledge tables beside the edit source (those that exist). */
    private static List<OWLAxiom> compileTables(Path root, PrefixManager pm, OWLDataFactory df) {
        List<OWLAxiom> axioms = new ArrayList<>();
        Path words = root.resolve(FrequencyWords.RELATIVE_PATH);
        Map<String, FrequencyWords.Word> vocabulary = Map.of();
        if (Files.exists(words)) {
            vocabulary = FrequencyWords.read(words, pm);
            axioms.addAll(FrequencyWords.compile(words, pm, df));
        }
        Path sources = root.resolve(SourceTable.RELATIVE_PATH);
        if (Files.exists(sources)) axioms.addAll(SourceTable.compile(sources, pm, df));
        Path associations = root.resolve(AssociationTable.RELATIVE_PATH);
        if (Files.exists(associations)) axioms.addAll(AssociationTable.compile(associations, pm, df, vocabulary));
        return axioms;
    }

    /** The likelihood ratios derived from the association rows' frequencies (see {@link LikelihoodRatioDerivation}). */
    private static List<OWLAxiom> derived(List<OWLAxiom> axioms, Path root, PrefixManager pm) {
        Path words = root.resolve(FrequencyWords.RELATIVE_PATH);
        BigDecimal notReported = LikelihoodRatioDerivation.DEFAULT_NOT_REPORTED;
        if (Files.exists(words)) {
            FrequencyWords.Word word = FrequencyWords.read(words, pm).get(LikelihoodRatioDerivation.NOT_REPORTED);
            if (word != null) notReported = word.frequency();
        }
        return LikelihoodRatioDerivation.derive(axioms, notReported, OWLManager.getOWLDataFactory());
    }

    /**
     * The OWL API lets an axiom annotation's {@code owl:annotatedTarget} share the class expression node
     * of the annotated triple; the project's graph has always given the reification its own copy (as a
     * Turtle file must), and queries rely on that shape, so the shared node is copied.
     */
    static void unshareAnnotatedTargets(Model model) {
        List<Statement> targets = model.listStatements(null, OWL2.annotatedTarget, (RDFNode) null)
                .filterKeep(s -> s.getObject().isAnon())
                .toList();
        for (Statement target : targets) {
            Resource copy = deepCopy(model, target.getObject().asResource());
            target.changeObject(copy);
        }
    }

    private static Resource deepCopy(Model model, Resource node) {
        Resource copy = model.createResource();
        for (Statement s : model.listStatements(node, null, (RDFNode) null).toList()) {
            RDFNode object =
                    s.getObject().isAnon() ? deepCopy(model, s.getObject().asResource()) : s.getObject();
            copy.addProperty(s.getPredicate(), object);
        }
        return copy;
    }

    /** The ontology IRIs the edit source imports, each with the local file that declares it. */
    static Map<String, Path> resolveImports(Path editFile) {
        String text = read(editFile);
        List<String> imported = new ArrayList<>();
        Matcher m = IMPORT.matcher(text);
        while (m.find()) imported.add(m.group(1));
        return LocalImports.resolve(editFile, imported);
    }

    /** The ontology IRI an edit source declares, or null. */
    static String declaredIri(Path editFile) {
        Matcher m = ONTOLOGY_IRI.matcher(read(editFile));
        return m.find() ? m.group(1) : null;
    }

    /** The imports an edit source declares. */
    static List<String> importsOf(Path editFile) {
        List<String> imported = new ArrayList<>();
        Matcher m = IMPORT.matcher(read(editFile));
        while (m.find()) imported.add(m.group(1));
        return imported;
    }

    private static Map<String, String> prefixes(Path editFile) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        Matcher m = PREFIX.matcher(read(editFile));
        while (m.find()) prefixes.put((m.group(1) == null ? "" : m.group(1)) + ":", m.group(2));
        return prefixes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AspsKgException(
                    file + ": cannot read: " + e.getMessage(),
                    "Run from the project root or pass the path of the ontology file.",
                    e);
        }
    }

    private static AspsKgException syntaxError(Path file, OWLOntologyCreationException e) {
        Throwable cause = e;
        if (e instanceof UnparsableOntologyException unparsable) {
            cause = unparsable.getExceptions().values().stream().findFirst().orElse(null);
        }
        while (cause != null && !(cause instanceof OWLParserException)) cause = cause.getCause();
        Matcher at = cause == null ? null : PARSER_POSITION.matcher(String.valueOf(cause.getMessage()));
        if (at != null && at.find()) {
            String message = firstLine(cause.getMessage());
            return new AspsKgException(
                    file + ":" + at.group(1) + ":" + at.group(2) + ": OWL Functional Syntax: " + message,
                    "Fix the syntax at that line and run again.",
                    e);
        }
        return new AspsKgException(
                file + ": the OWL API could not load the ontology: " + firstLine(e.getMessage()),
                "Check the file loads in Protégé or with 'robot convert'.",
                e);
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
