package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aspskg.export.ArtefactWriter;
import org.aspskg.export.Release;
import org.aspskg.export.ReleaseSources;
import org.aspskg.mapping.SssomReader;
import org.aspskg.ontology.OntologyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asps-kg release}: every release artefact with SHA-256 checksums. */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = {
            "Write the release: asps.owl (RDF/XML), asps-base.owl, asps-full.owl (with HermiT's inferences), "
                    + "asps.ttl, asps.jsonld, asps.obo, asps.json (OBO Graphs), asps.sssom.tsv and SHA256SUMS "
                    + "(check with 'sha256sum -c SHA256SUMS').",
            "The directory is replaced only when every file is written; a mapping set with errors stops the release."
        })
final class ReleaseCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Release directory (default: ${DEFAULT-VALUE}).")
    Path out = Release.DEFAULT_DIR;

    @Option(names = "--ontology", paramLabel = "FILE", description = "Ontology (default: ${DEFAULT-VALUE}).")
    Path ontology = OntologyLoader.DEFAULT_ONTOLOGY;

    @Option(
            names = "--mappings",
            paramLabel = "FILE",
            description = "Mapping set (default: mappings/asps.sssom.tsv beside the ontology).")
    Path mappings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReleaseSources sources =
                ReleaseSources.read(ontology, mappings != null ? mappings : SssomReader.mappingSetFor(ontology));
        PrintWriter stdout = spec.commandLine().getOut();
        for (ArtefactWriter.Written w : Release.write(sources, out)) {
            stdout.println(w.file() + "\t" + w.statements() + " " + w.unit());
        }
        stdout.println("versionIRI\t" + sources.versionIri());
        stdout.flush();
        return 0;
    }
}
