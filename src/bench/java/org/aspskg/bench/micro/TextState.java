package org.aspskg.bench.micro;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.text.CaseTextAnnotator;
import org.aspskg.text.TermSearch;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The text index and a pool of real sentences, those of the published case reports in
 * {@code eval/published} (split at sentence ends), with the whole texts, that the text benchmarks
 * cycle through. Built once per trial, untimed.
 */
@State(Scope.Thread)
public class TextState {
    /** The ontology (absolute, or relative to the working directory). */
    @Param("ontology/asps-edit.ofn")
    public String ontology;

    /** The SHACL case shapes. */
    @Param("ontology/shapes/case-shapes.ttl")
    public String shapes;

    /** Not used here; declared so the suite's common parameters apply to every micro-benchmark. */
    @Param("1000")
    public int pool;

    /** The directory of published case reports whose texts are the sentences. */
    @Param("eval/published")
    public String cases;

    CaseTextAnnotator annotator;
    TermSearch search;
    DifferentialPipeline service;
    final List<String> sentences = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        DdxKnowledge k = DdxKnowledge.cached(Path.of(ontology), Path.of(shapes));
        annotator = k.annotator();
        search = k.termSearch();
        service = k.pipeline();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(Path.of(cases))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String text = json.readTree(f.toFile()).path("text").asText("");
                if (text.isBlank()) continue;
                try {
                    service.rank(service.read(org.aspskg.ddx.read.CaseInput.text(text, "text")));
                    texts.add(text); // only texts that rank: the benchmark times ranking, not refusals
                } catch (org.aspskg.AspsKgException e) {
                    // e.g. a text whose statements the ontology makes contradictory
                }
                for (String s : text.split("(?<=[.!?])\\s+")) if (s.length() > 3) sentences.add(s);
            }
        }
        if (sentences.isEmpty()) throw new IllegalStateException("no case texts in " + cases);
    }

    int advance() {
        return next++;
    }

    String sentence(int i) {
        return sentences.get(i % sentences.size());
    }

    String text(int i) {
        return texts.get(i % texts.size());
    }
}
