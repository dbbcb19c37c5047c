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
 * Writes a graph as compacted JSON-LD that JSON-LD 1.0 processors read (jsonld-java, so ROBOT and
 * the OWL API 4) as well as 1.1 ones (Titanium, so Jena and the OWL API 5). Titanium turns the RDF
 * into expanded JSON-LD, then compacts it in JSON-LD 1.0 processing mode against a small
 * {@code @context} of prefixes only (the asps-kg namespaces and the standard prefixes, so keys read
 * {@code "rdfs:label"} and {@code "aspskg:hasImagingFeature"}); no {@code "@version": 1.1}, which a
 * 1.0 processor rejects ("invalid term definition: 1.1"). Literals keep their datatypes (no native
 * JSON numbers), so the document expands to exactly the triples written, in either version.
 *
 * <p>The document starts with {@link #READ_AS_JSON_LD}{@code : null} before {@code @context}: the
 * OWL API guesses a file's format by trying its parsers in turn, and its RDF/JSON parser (rdf4j)
 * comes before its JSON-LD parser. On {@code "@context"} as first key that parser throws an
 * unchecked error, which ends the guessing ("Not a valid (absolute) IRI: @context"); on a key that
 * looks like an IRI and a value that is not an object it reports a parse error, and the OWL API
 * goes on to the JSON-LD parser. JSON-LD drops a key whose value is null (JSON-LD 1.0 and 1.1,
 * expansion), so the key adds no triple and the document is still the default graph.
 */
public final class JsonLdWriter {
    /** The first key of every asps-kg JSON-LD document: see the class comment. */
    public static final String READ_AS_JSON_LD = "aspskg:readAsJsonLd";

    private JsonLdWriter() {}

    /**
     * The context every asps-kg JSON-LD document uses: {prefix: IRI, …}, which means the same in
     * JSON-LD 1.0 and 1.1 (every namespace ends in / or #, so 1.1 uses each as a prefix too).
     * Prefixes nested in another one (fact: and src: inside aspskg:) are left out: Titanium compacts
     * with the outer prefix anyway ("aspskg:fact/…"), and a context should declare only what the
     * document uses.
     */
    public static JsonObject context(Map<String, String> prefixes) {
        JsonObjectBuilder ctx = Json.createObjectBuilder();
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
                    .mode(JsonLdVersion.V1_0)
                    .ordered(true)
                    .nativeTypes(false)
                    .get();
            JsonObject contextDocument = Json.createObjectBuilder()
                    .add("@context", context(AspsVocabulary.STANDARD_PREFIXES))
                    .build();
            JsonObject compacted = JsonLd.compact(JsonDocument.of(expanded), JsonDocument.of(contextDocument))
                    .mode(JsonLdVersion.V1_0)
                    .ordered(true)
                    .compactArrays(true)
                    .get();
            ObjectMapper json = new ObjectMapper();
            // the guard first (see the class comment), then @context, as people read a JSON-LD document
            ObjectNode document = json.createObjectNode();
            document.putNull(READ_AS_JSON_LD);
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
