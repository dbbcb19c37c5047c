package org.aspskg.export;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdVersion;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.document.RdfDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.system.JenaTitanium;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.aspskg.ontology.AspsVocabulary;

/**
 * Writes a graph as compacted JSON-LD 1.1 with Titanium (the JSON-LD 1.1 processor Jena reads and
 * writes with): RDF to expanded JSON-LD, then compaction against a small {@code @context} that
 * declares {@code "@version": 1.1}, the asps-kg namespaces and the standard prefixes, so keys read
 * {@code "rdfs:label"} and {@code "aspskg:hasImagingFeature"}. Literals keep their datatypes (no
 * native JSON numbers), so the document expands to exactly the triples written.
 */
public final class JsonLdWriter {
    private JsonLdWriter() {}

    /**
     * The context every asps-kg JSON-LD document uses: {"@version": 1.1, prefix: IRI, …}. Prefixes
     * nested in another one (fact: and src: inside aspskg:) are left out: Titanium 1.7 compacts with
     * the outer prefix anyway ("aspskg:fact/…"), and a context should declare only what the document uses.
     */
    public static JsonObject context(Map<String, String> prefixes) {
        JsonObjectBuilder ctx = Json.createObjectBuilder().add("@version", 1.1);
        prefixes.forEach((prefix, ns) -> {
            boolean nested = prefixes.values().stream().anyMatch(outer -> !outer.equals(ns) && ns.startsWith(outer));
            if (!nested) ctx.add(prefix, ns);
        });
        return ctx.build();
    }

    public static void write(Model model, OutputStream out) throws IOException {
        try {
            JsonArray expanded = JsonLd.fromRdf(
                            RdfDocument.of(JenaTitanium.convert(DatasetGraphFactory.wrap(model.getGraph()))))
                    .mode(JsonLdVersion.V1_1)
                    .ordered(true)
                    .nativeTypes(false)
                    .get();
            JsonObject contextDocument = Json.createObjectBuilder()
                    .add("@context", context(AspsVocabulary.STANDARD_PREFIXES))
                    .build();
            JsonObject compacted = JsonLd.compact(JsonDocument.of(expanded), JsonDocument.of(contextDocument))
                    .mode(JsonLdVersion.V1_1)
                    .ordered(true)
                    .compactArrays(true)
                    .get();
            ObjectMapper json = new ObjectMapper();
            // @context first, as people read a JSON-LD document
            ObjectNode document = json.createObjectNode();
            JsonNode body = json.readTree(compacted.toString());
            document.set("@context", body.get("@context"));
            body.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("@context")) document.set(e.getKey(), e.getValue());
            });
            out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
            out.write('\n');
        } catch (JsonLdError e) {
            throw new IllegalStateException("JSON-LD conversion failed: " + e.getMessage(), e);
        }
    }
}
