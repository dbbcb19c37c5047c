package org.aspskg.ddx.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.aspskg.LibraryVersions;
import org.aspskg.ontology.AspsVocabulary;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what HermiT infers when the differential knowledge is loaded — the classified case TBox
 * ({@link CaseTBox.Inferences}) and each hypothesis' obligate features ({@link HypothesisExclusion}) — in a
 * file between runs, so that a command that ranks does not classify the same ontology again (two HermiT runs,
 * about 27 s of CPU).
 *
 * <p>A file is found by its key, a SHA-256 of exactly what the inferences depend on: the case TBox's source
 * axioms (the ontology's logical axioms and declarations without annotations, its imports included, as the
 * OWL API renders them, sorted), the feature classes and hypotheses (from the association tables), the
 * cache format's version, and the code that computes them (the class files of {@link CaseTBox},
 * {@link HypothesisExclusion}, this class and {@link AspsVocabulary}, and the HermiT and OWL API versions).
 * Any other ontology, table or code gives another key, so an inference is never taken from another
 * ontology; a change to labels, sources or other annotations alone keeps the key.
 *
 * <p>The file ({@code knowledge-KEY.jsonl}) is two JSON lines: a header (format, version, key, the
 * SHA-256 of the second line, when and by what HermiT it was made) and the inferences, their IRIs written
 * once in a table and referred to by position. A file that cannot be read, whose checksum or key does not
 * match, or whose inferences do not fit the ontology is ignored with a warning and the inferences are
 * computed again and written over it. Files are written to a temporary file in the same directory and
 * moved into place, so a reader never sees half a file; the 8 most recently used are kept.
 *
 * <p>Where: the directory of the system property {@value #DIRECTORY_PROPERTY} if set (tests use it), else
 * {@code $XDG_CACHE_HOME/asps-kg}, else {@code ~/.cache/asps-kg}. {@link #disabled()} neither reads nor
 * writes ({@code --no-knowledge-cache}).
 */
public final class KnowledgeCache {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeCache.class);
    /** The system property naming the cache directory. */
    public static final String DIRECTORY_PROPERTY = "asps.knowledgeCache";
    /** The version of the file format and of what it holds; raise it when either changes. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT = "asps-kg knowledge cache";
    private static final String PREFIX = "knowledge-";
    private static final String SUFFIX = ".jsonl";
    private static final int KEPT_FILES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The classes and library versions whose change changes the inferences (see the class comment). */
    private static final List<String> CODE = List.of(
            "/org/aspskg/ddx/classify/CaseTBox.class",
            "/org/aspskg/ddx/classify/HypothesisExclusion.class",
            "/org/aspskg/ddx/classify/KnowledgeCache.class",
            "/org/aspskg/ontology/AspsVocabulary.class",
            "/META-INF/maven/net.sourceforge.owlapi/org.semanticweb.hermit/pom.properties",
            "/META-INF/maven/net.sourceforge.owlapi/owlapi-api/pom.properties");

    private final Path directory;

    /** What HermiT inferred, as the file holds it. */
    public record Inferences(CaseTBox.Inferences caseTBox, Map<String, Map<String, Boolean>> obligateFeatures) {}

    /** The case TBox and the obligate features, and whether they came from the cache. */
    public record Reasoned(CaseTBox tbox, Map<String, Map<String, Boolean>> obligateFeatures, boolean fromCache) {}

    private KnowledgeCache(Path directory) {
        this.directory = directory;
    }

    /** The cache in the given directory (made when first written). */
    public static KnowledgeCache in(Path directory) {
        return new KnowledgeCache(directory);
    }

    /** No cache: every load classifies with HermiT, and nothing is read or written. */
    public static KnowledgeCache disabled() {
        return new KnowledgeCache(null);
    }

    /** The cache at its standard place: {@value #DIRECTORY_PROPERTY}, else the XDG cache directory. */
    public static KnowledgeCache standard() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) return in(Path.of(property));
        String xdg = System.getenv("XDG_CACHE_HOME");
        // the XDG base directory spec: a relative path is invalid and ignored
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return in(base.resolve("asps-kg"));
    }

    /** The directory, or empty when disabled. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * The case TBox of the ontology and the obligate features of the hypotheses: built from the cached
     * inferences when this cache holds a sound file for their key, else classified by HermiT (and then
     * written to the cache).
     */
    public Reasoned reason(OWLOntology ontology, Collection<String> features, List<String> hypotheses) {
        if (directory == null) return computed(ontology, features, hypotheses);
        String key = key(CaseTBox.sourceAxioms(ontology), features, hypotheses);
        Optional<Inferences> kept = read(key);
        if (kept.isPresent()) {
            try {
                CaseTBox tbox =
                        CaseTBox.fromInferences(ontology, features, kept.get().caseTBox());
                Map<String, Map<String, Boolean>> obligate = kept.get().obligateFeatures();
                if (!obligate.keySet().equals(new LinkedHashSet<>(hypotheses))) {
                    throw new IllegalArgumentException("the obligate features are of other hypotheses");
                }
                // what HypothesisExclusion will ask of them, asked here, where a misfit is still recomputed
                obligate.values().forEach(f -> HypothesisExclusion.inFeatureOrder(tbox, f));
                LOG.debug("case reasoning read from {}", file(key));
                return new Reasoned(tbox, obligate, true);
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring the knowledge cache file {}: {}; computing it again", file(key), e.getMessage());
            }
        }
        Reasoned r = computed(ontology, features, hypotheses);
        write(key, new Inferences(r.tbox().inferences(), r.obligateFeatures()));
        return r;
    }

    private static Reasoned computed(OWLOntology ontology, Collection<String> features, List<String> hypotheses) {
        CaseTBox tbox = CaseTBox.classify(ontology, features);
        return new Reasoned(tbox, HypothesisExclusion.obligateFeatures(tbox, hypotheses), false);
    }

    /** The file of a key in this cache's directory. */
    public Path file(String key) {
        if (directory == null) throw new IllegalStateException("the knowledge cache is disabled");
        return directory.resolve(PREFIX + key + SUFFIX);
    }

    /**
     * The key of the inferences of these source axioms ({@link CaseTBox#sourceAxioms}), feature classes and
     * hypotheses, with this code: a SHA-256 in hex.
     */
    public static String key(List<OWLAxiom> sourceAxioms, Collection<String> features, List<String> hypotheses) {
        MessageDigest d = sha256();
        line(d, FORMAT + " " + FORMAT_VERSION);
        for (String resource : CODE) line(d, resource + " " + HexFormat.of().formatHex(resourceDigest(resource)));
        List<String> axioms = new ArrayList<>(sourceAxioms.size());
        for (OWLAxiom ax : sourceAxioms) axioms.add(ax.toString().replace('\n', ' '));
        axioms.sort(Comparator.naturalOrder());
        line(d, "axioms " + axioms.size());
        axioms.forEach(a -> line(d, a));
        TreeSet<String> sortedFeatures = new TreeSet<>(features);
        line(d, "features " + sortedFeatures.size());
        sortedFeatures.forEach(f -> line(d, f));
        line(d, "hypotheses " + hypotheses.size());
        hypotheses.forEach(h -> line(d, h));
        return HexFormat.of().formatHex(d.digest());
    }

    private static void line(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
    }

    private static byte[] resourceDigest(String resource) {
        try (InputStream in = KnowledgeCache.class.getResourceAsStream(resource)) {
            return in == null ? new byte[0] : sha256().digest(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The inferences kept for a key, or empty when there are none or the file is not sound (warned). */
    public Optional<Inferences> read(String key) {
        if (directory == null) return Optional.empty();
        Path file = file(key);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            byte[] bytes = Files.readAllBytes(file);
            int newline = indexOf(bytes, (byte) '\n');
            if (newline < 0) throw new IllegalArgumentException("no header line");
            JsonNode header = JSON.readTree(new String(bytes, 0, newline, StandardCharsets.UTF_8));
            if (!FORMAT.equals(header.path("format").asText())
                    || header.path("version").asInt(-1) != FORMAT_VERSION
                    || !key.equals(header.path("key").asText())) {
                throw new IllegalArgumentException("another format, version or key");
            }
            MessageDigest d = sha256();
            d.update(bytes, newline + 1, bytes.length - newline - 1);
            if (!HexFormat.of()
                    .formatHex(d.digest())
                    .equals(header.path("sha256").asText())) {
                throw new IllegalArgumentException("its checksum does not match its content");
            }
            Inferences inferences = decode(
                    JSON.readTree(new String(bytes, newline + 1, bytes.length - newline - 1, StandardCharsets.UTF_8)));
            touch(file);
            return Optional.of(inferences);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the knowledge cache file {}: {}; computing it again", file, firstLine(e));
            return Optional.empty();
        }
    }

    /**
     * Writes the inferences of a key: to a temporary file, moved into place. A failure (a read-only or full
     * disk) is warned about and otherwise ignored: the cache only saves time.
     */
    public void write(String key, Inferences inferences) {
        if (directory == null) return;
        Path tmp = null;
        try {
            Files.createDirectories(directory);
            byte[] body = encode(inferences);
            String header = JSON.writeValueAsString(header(key, body));
            tmp = Files.createTempFile(directory, "." + PREFIX, ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                out.write(body);
            }
            try {
                Files.move(tmp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            LOG.debug("case reasoning kept in {}", file(key));
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the knowledge cache in {}: {}", directory, firstLine(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("could not delete {}", tmp, e);
                }
            }
        }
    }

    private static Map<String, Object> header(String key, byte[] body) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("format", FORMAT);
        h.put("version", FORMAT_VERSION);
        h.put("key", key);
        h.put("sha256", HexFormat.of().formatHex(sha256().digest(body)));
        h.put("written", Instant.now().toString());
        h.put("hermit", LibraryVersions.of("net.sourceforge.owlapi", "org.semanticweb.hermit"));
        return h;
    }

    /** Keeps the most recently used files and deletes temporary files an interrupted write left behind. */
    private void prune() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) files.add(p);
                else if (name.startsWith("." + PREFIX) && name.endsWith(".tmp") && olderThan(p, Duration.ofHours(1)))
                    Files.deleteIfExists(p);
            }
        }
        files.sort(Comparator.comparing(KnowledgeCache::modified).reversed());
        for (Path old : files.subList(Math.min(KEPT_FILES, files.size()), files.size())) Files.deleteIfExists(old);
    }

    private static boolean olderThan(Path p, Duration age) {
        return modified(p).toInstant().isBefore(Instant.now().minus(age));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debug("could not touch {}", file, e);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        // the checks' own reasons are sentences; anything else is named by its kind (an I/O or JSON error)
        return e instanceof IllegalArgumentException ? line : e.getClass().getSimpleName() + ": " + line;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }

    // ---- the second line: {"iris": [...], "featureProperties": [[f, p], ...], ...}, IRIs by position

    private static byte[] encode(Inferences inf) throws IOException {
        CaseTBox.Inferences t = inf.caseTBox();
        Map<String, Integer> index = new LinkedHashMap<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        // the IRI table first, so a reader can resolve positions as it goes: collected in a first pass
        t.featureProperties().forEach((f, p) -> {
            add(index, f);
            add(index, p);
        });
        for (Map<String, List<String>> m : List.of(t.chainClasses(), t.rangeClasses(), t.superClasses())) {
            m.forEach((k, v) -> {
                add(index, k);
                v.forEach(x -> add(index, x));
            });
        }
        t.ontologyCaseClasses().forEach(c -> add(index, c));
        t.disjointCaseClasses().forEach(pair -> pair.forEach(c -> add(index, c)));
        inf.obligateFeatures().forEach((h, fs) -> {
            add(index, h);
            fs.keySet().forEach(f -> add(index, f));
        });
        try (JsonGenerator g = new JsonFactory().createGenerator(buffer)) {
            g.writeStartObject();
            g.writeArrayFieldStart("iris");
            for (String iri : index.keySet()) g.writeString(iri);
            g.writeEndArray();
            g.writeArrayFieldStart("featureProperties");
            for (Map.Entry<String, String> e : t.featureProperties().entrySet()) {
                g.writeArray(new int[] {index.get(e.getKey()), index.get(e.getValue())}, 0, 2);
            }
            g.writeEndArray();
            writeLists(g, "chainClasses", t.chainClasses(), index);
            writeLists(g, "rangeClasses", t.rangeClasses(), index);
            writeLists(g, "superClasses", t.superClasses(), index);
            g.writeFieldName("ontologyCaseClasses");
            writeIndexes(g, t.ontologyCaseClasses(), index);
            g.writeArrayFieldStart("disjointCaseClasses");
            for (List<String> pair : t.disjointCaseClasses()) writeIndexes(g, pair, index);
            g.writeEndArray();
            g.writeArrayFieldStart("obligateFeatures");
            for (Map.Entry<String, Map<String, Boolean>> e :
                    inf.obligateFeatures().entrySet()) {
                g.writeStartArray();
                g.writeNumber(index.get(e.getKey()));
                g.writeStartArray();
                for (Map.Entry<String, Boolean> f : e.getValue().entrySet()) {
                    g.writeStartArray();
                    g.writeNumber(index.get(f.getKey()));
                    g.writeBoolean(f.getValue());
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    private static void add(Map<String, Integer> index, String iri) {
        index.putIfAbsent(iri, index.size());
    }

    private static void writeLists(
            JsonGenerator g, String field, Map<String, List<String>> lists, Map<String, Integer> index)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            g.writeStartArray();
            g.writeNumber(index.get(e.getKey()));
            writeIndexes(g, e.getValue(), index);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writeIndexes(JsonGenerator g, List<String> iris, Map<String, Integer> index)
            throws IOException {
        g.writeStartArray();
        for (String iri : iris) g.writeNumber(index.get(iri));
        g.writeEndArray();
    }

    private static Inferences decode(JsonNode body) {
        List<String> iris = new ArrayList<>();
        for (JsonNode n : array(body, "iris")) {
            if (!n.isTextual()) throw new IllegalArgumentException("an IRI that is not a string");
            iris.add(n.asText());
        }
        Map<String, String> featureProperties = new LinkedHashMap<>();
        for (JsonNode pair : array(body, "featureProperties")) {
            featureProperties.put(iri(iris, pair.get(0)), iri(iris, pair.get(1)));
        }
        List<List<String>> disjoint = new ArrayList<>();
        for (JsonNode pair : array(body, "disjointCaseClasses")) disjoint.add(iriList(iris, pair));
        Map<String, Map<String, Boolean>> obligate = new LinkedHashMap<>();
        for (JsonNode h : array(body, "obligateFeatures")) {
            Map<String, Boolean> features = new LinkedHashMap<>();
            for (JsonNode f : h.path(1)) {
                if (!f.path(1).isBoolean()) throw new IllegalArgumentException("an obligate feature without a verdict");
                features.put(iri(iris, f.get(0)), f.get(1).booleanValue());
            }
            obligate.put(iri(iris, h.get(0)), Collections.unmodifiableMap(features));
        }
        return new Inferences(
                new CaseTBox.Inferences(
                        featureProperties,
                        lists(iris, body, "chainClasses"),
                        lists(iris, body, "rangeClasses"),
                        lists(iris, body, "superClasses"),
                        iriList(iris, body.get("ontologyCaseClasses")),
                        disjoint),
                Collections.unmodifiableMap(obligate));
    }

    private static JsonNode array(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isArray()) throw new IllegalArgumentException("no array \"" + field + "\"");
        return n;
    }

    private static Map<String, List<String>> lists(List<String> iris, JsonNode body, String field) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode e : array(body, field)) out.put(iri(iris, e.get(0)), iriList(iris, e.get(1)));
        return out;
    }

    private static List<String> iriList(List<String> iris, JsonNode positions) {
        if (positions == null || !positions.isArray()) throw new IllegalArgumentException("a list of IRIs expected");
        List<String> out = new ArrayList<>(positions.size());
        for (JsonNode p : positions) out.add(iri(iris, p));
        return out;
    }

    private static String iri(List<String> iris, JsonNode position) {
        if (position == null || !position.canConvertToInt() || !position.isIntegralNumber()) {
            throw new IllegalArgumentException("an IRI position that is not a number");
        }
        int i = position.intValue();
        if (i < 0 || i >= iris.size()) throw new IllegalArgumentException("an IRI position out of range: " + i);
        return iris.get(i);
    }
}
