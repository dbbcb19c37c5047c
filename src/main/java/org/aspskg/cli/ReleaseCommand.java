package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aspskg.export.ArtefactWriter;
import org.aspskg.export.Release;
import org.aspskg.export.ReleaseSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    OntologyOption ontology = new OntologyOption();

    @Mixin
    MappingsOption mappings = new MappingsOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReleaseSources sources = ReleaseSources.read(ontology.file(), mappings.fileFor(ontology.file()));
        PrintWriter stdout = spec.commandLine().getOut();
        for (ArtefactWriter.Written w : Release.write(sources, out)) {
            stdout.println(w.file() + "\t" + w.statements() + " " + w.unit());
        }
        stdout.println("versionIRI\t" + sources.versionIri());
        stdout.flush();
        return 0;
    }
}
