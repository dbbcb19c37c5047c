package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aspskg.export.Artefact;
import org.aspskg.export.ArtefactWriter;
import org.aspskg.export.ExportFormat;
import org.aspskg.export.ReleaseSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asps-kg export}: the ontology (with its cross-references) in one RDF or OWL format. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write the ontology, with the mapping set's cross-references, in one format: "
                    + "asps.<ext>, or asps-full.<ext> with --inferred. Quad formats (nq, trig) hold the store's named graphs.",
            "Formats: ttl, rdfxml (asps.owl), jsonld, nt, nq, trig, owx, ofn, omn, obo, obographs (asps.json, OBO Graphs JSON)."
        })
final class ExportCommand implements Callable<Integer> {
    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "ttl|rdfxml|jsonld|nt|nq|trig|owx|ofn|omn|obo|obographs")
    ExportFormat format;

    @Option(names = "--inferred", description = "Add HermiT's materialized inferences (the asps-full artefact).")
    boolean inferred;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write into (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("target", "export");

    @Mixin
    OntologyOption ontology = new OntologyOption();

    @Mixin
    MappingsOption mappings = new MappingsOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReleaseSources sources = ReleaseSources.read(ontology.file(), mappings.fileFor(ontology.file()));
        Artefact artefact = inferred ? Artefact.FULL : Artefact.MAIN;
        ArtefactWriter.Written w =
                ArtefactWriter.write(sources, artefact, format, out.resolve(artefact.fileName(format)));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(w.file() + "\t" + w.statements() + " " + w.unit() + "\t" + format.description());
        stdout.flush();
        return 0;
    }
}
