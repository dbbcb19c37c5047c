package org.aspskg.serve.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.sparql.core.DatasetGraph;
import org.aspskg.export.Release;
import org.aspskg.export.ReleaseSources;

/**
 * {@code GET /release/NAME}: the release artefacts of {@code asps-kg release} ({@code asps.owl},
 * {@code asps-base.owl}, {@code asps-full.owl}, {@code asps.ttl}, {@code asps.jsonld}, {@code asps.obo},
 * {@code asps.json}) and their {@code SHA256SUMS}, made by the same writers from the store's asserted,
 * mappings and inferred graphs, and the mapping set {@code asps.sssom.tsv} the build put in the jar. Made together on the first request and kept until the store is written
 * to ({@link StoreVersion}).
 */
final class ReleaseFiles extends HttpServlet {
    static final String PATH = "/release";
    static final String CHECKSUMS = Release.CHECKSUMS;
    static final String MAPPING_SET = "asps.sssom.tsv";

    /** The files offered, in the order of {@link Release#ITEMS}, checksums last. */
    static final List<String> NAMES = java.util.stream.Stream.concat(
                    Release.ITEMS.stream().map(Release.Item::fileName),
                    java.util.stream.Stream.of(MAPPING_SET, CHECKSUMS))
            .toList();

    private final DatasetGraph dataset;
    private final StoreVersion version;
    private Map<String, byte[]> files;
    private long filesVersion = -1;

    ReleaseFiles(DatasetGraph dataset, StoreVersion version) {
        this.dataset = dataset;
        this.version = version;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        if (!NAMES.contains(name)) {
            Pages.send(
                    resp,
                    404,
                    "text/plain;charset=utf-8",
                    "no release file " + name + "; the release files are " + String.join(", ", NAMES) + "\n");
            return;
        }
        byte[] bytes = files().get(name);
        resp.setStatus(200);
        resp.setContentType(contentType(name));
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (!name.equals(CHECKSUMS)) resp.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "owl" -> "application/rdf+xml";
            case "ttl" -> "text/turtle;charset=utf-8";
            case "jsonld" -> "application/ld+json";
            case "json" -> "application/json";
            case "tsv" -> "text/tab-separated-values;charset=utf-8";
            default -> "text/plain;charset=utf-8";
        };
    }

    /** Every file of the release, made by {@link Release#contents} from the store's current version. */
    private synchronized Map<String, byte[]> files() {
        long now = version.current();
        if (files != null && filesVersion == now) return files;
        ReleaseSources sources = ReleaseSources.fromStore(dataset, Path.of("the store"));
        Map<String, byte[]> made =
                JarFiles.read(MAPPING_SET, mappingSet -> Release.contents(sources.withMappingSet(mappingSet)));
        if (!made.keySet().containsAll(NAMES)) {
            throw new IllegalStateException("the release made " + made.keySet() + ", expected " + NAMES);
        }
        files = made;
        filesVersion = now;
        return made;
    }
}
