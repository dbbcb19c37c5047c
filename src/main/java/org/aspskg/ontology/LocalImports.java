package org.aspskg.ontology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.AspsKgException;

/**
 * Resolves an ontology's {@code owl:imports} to files in its own directory tree, by the ontology IRI
 * each file declares (as Protégé's and ROBOT's catalogs map them), transitively. An import that no
 * local file declares is an error: a build never reaches out to the network for an ontology, so what it
 * builds depends only on files the user can see and review.
 */
public final class LocalImports {
    private LocalImports() {}

    /** Every ontology IRI an RDF ontology file imports, directly or transitively, with the local file declaring it. */
    public static Map<String, Path> resolve(Path ontologyFile, Model ontologyRdf) {
        List<String> direct = new ArrayList<>();
        for (RDFNode target : ontologyRdf.listObjectsOfProperty(OWL2.imports).toList()) {
            if (target.isURIResource()) direct.add(target.asResource().getURI());
        }
        return resolve(ontologyFile, direct);
    }

    /** Every ontology IRI in {@code imported} (the file's direct imports) and their own imports, each with its local file. */
    public static Map<String, Path> resolve(Path ontologyFile, List<String> imported) {
        Map<String, Path> resolved = new LinkedHashMap<>();
        if (imported.isEmpty()) return resolved;
        Path root = ontologyFile.toAbsolutePath().getParent();
        // edit sources declare their IRI in their first lines: read those first, and parse RDF files only when
        // an import is still unresolved (resolving runs on every load of the edit source, so it must stay cheap)
        Map<String, List<Path>> declared = declaredOntologies(root, ontologyFile.toAbsolutePath(), false);
        boolean rdfScanned = false;
        Deque<List<String>> pending = new ArrayDeque<>();
        Deque<Path> pendingFiles = new ArrayDeque<>();
        pending.add(imported);
        pendingFiles.add(ontologyFile);
        while (!pending.isEmpty()) {
            List<String> iris = pending.poll();
            Path importer = pendingFiles.poll();
            for (String iri : iris) {
                if (resolved.containsKey(iri)) continue;
                if (!declared.containsKey(iri) && !rdfScanned) {
                    declared = declaredOntologies(root, ontologyFile.toAbsolutePath(), true);
                    rdfScanned = true;
                }
                List<Path> candidates = declared.getOrDefault(iri, List.of());
                if (candidates.size() > 1) {
                    throw new AspsKgException(
                            importer + ": owl:imports <" + iri + ">, which " + candidates.size() + " files under "
                                    + root + " declare as their ontology IRI: " + candidates,
                            "Keep one file per ontology IRI (rename or move the others, e.g. a header fragment to a .part file).");
                }
                Path local = candidates.isEmpty() ? null : candidates.get(0);
                if (local == null) {
                    throw new AspsKgException(
                            importer + ": owl:imports <" + iri + ">, which no file under " + root
                                    + " declares as its ontology IRI; imports are read from local files only, never from the network",
                            "Put the imported ontology (e.g. a module extracted with 'robot extract') under " + root
                                    + " with that ontology IRI, or remove the import.");
                }
                resolved.put(iri, local);
                pending.add(directImports(local));
                pendingFiles.add(local);
            }
        }
        return resolved;
    }

    private static List<String> directImports(Path file) {
        if (EditSource.isEditSource(file)) return EditSource.importsOf(file);
        List<String> direct = new ArrayList<>();
        for (RDFNode target :
                OntologyLoader.readRdf(file).listObjectsOfProperty(OWL2.imports).toList()) {
            if (target.isURIResource()) direct.add(target.asResource().getURI());
        }
        return direct;
    }

    /**
     * The ontology IRI of every edit source under {@code root} and, with {@code rdfToo}, of every RDF
     * ontology file (the importing file left out).
     */
    private static Map<String, List<Path>> declaredOntologies(Path root, Path importing, boolean rdfToo) {
        Map<String, List<Path>> declared = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(LocalImports::isOntologyFile)
                    .sorted()
                    .toList()) {
                if (f.toAbsolutePath().equals(importing)) continue;
                if (EditSource.isEditSource(f)) {
                    String iri = EditSource.declaredIri(f);
                    if (iri != null)
                        declared.computeIfAbsent(iri, k -> new ArrayList<>()).add(f);
                    continue;
                }
                if (!rdfToo) continue;
                Model m;
                try {
                    m = OntologyLoader.readRdf(f);
                } catch (AspsKgException e) {
                    continue; // not an ontology file we can read; only an import pointing at it would matter
                }
                for (Resource o :
                        m.listSubjectsWithProperty(RDF.type, OWL2.Ontology).toList()) {
                    if (o.isURIResource())
                        declared.computeIfAbsent(o.getURI(), k -> new ArrayList<>())
                                .add(f);
                }
            }
        } catch (IOException e) {
            throw new AspsKgException("cannot list " + root + ": " + e.getMessage(), "Check its permissions.", e);
        }
        return declared;
    }

    private static boolean isOntologyFile(Path f) {
        String name = f.getFileName().toString();
        return name.endsWith(".ttl") || name.endsWith(".owl") || name.endsWith(".rdf") || EditSource.isEditSource(f);
    }
}
