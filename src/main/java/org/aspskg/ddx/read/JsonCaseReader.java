package org.aspskg.ddx.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.aspskg.ddx.cases.CaseGraph;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.CaseReading;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.DemographicGroups;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.text.CaseTextAnnotator;
import org.aspskg.text.PhraseReading;
import org.aspskg.text.TextReading;

/**
 * Reads a patient case in the JSON form:
 * <pre>{"id": "asps-thigh", "label": "…", "age": 24, "sex": "female",
 *  "findings": ["thigh", "flow voids", "TFE3 positive"], "absent": ["calcification on CT"]}</pre>
 * Findings (and sites and demographic groups, which may be listed with them) are named by label,
 * synonym, CURIE or IRI. Every problem is reported with the line and column Jackson gives for it;
 * the case is then checked against the same SHACL shapes as a Turtle case, compiled into checks on
 * the case ({@link CompiledCaseShapes}; jena-shacl on its RDF form if the shapes did not compile).
 */
public final class JsonCaseReader {
    /** The keys a JSON case may have. */
    public static final List<String> KEYS =
            List.of("id", "label", "age", "sex", "findings", "absent", "text", "strict");

    /** The most findings, sites and groups (present and absent together) one case may state. */
    public static final int MAX_NAMES = 1000;
    /** Unknown names listed with suggestions before the rest are only counted. */
    static final int MAX_UNKNOWN_LISTED = 20;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final TermIndex terms;
    private final DemographicGroups demographics;
    private final CaseShapes shapes;
    private final CompiledCaseShapes compiled;
    private final CaseRdf rdf;
    private final CaseTextAnnotator annotator;

    /**
     * @param terms        resolves the names of findings, sites and groups
     * @param demographics the sexes a case may state
     * @param shapes       the SHACL shapes a case must meet (jena-shacl, the reference)
     * @param compiled     the same shapes compiled into checks on the case ({@link CompiledCaseShapes}), or
     *                     null to validate with jena-shacl on the case's RDF form
     * @param rdf          writes the case as RDF for the shapes
     * @param annotator    reads loosely written phrases and free text with the text index
     */
    public JsonCaseReader(
            TermIndex terms,
            DemographicGroups demographics,
            CaseShapes shapes,
            CompiledCaseShapes compiled,
            CaseRdf rdf,
            CaseTextAnnotator annotator) {
        this.terms = terms;
        this.demographics = demographics;
        this.shapes = shapes;
        this.compiled = compiled;
        this.rdf = rdf;
        this.annotator = annotator;
    }

    public PatientCase read(InputStream in, String source) {
        return read(in, source, false);
    }

    public PatientCase read(String json, String source) {
        return read(json, source, false);
    }

    /**
     * Reads a JSON case; with {@code strict} (or {@code "strict": true} in the case) every name must
     * be a label, synonym, CURIE or IRI and nothing may be left unread, as before the text index.
     */
    public PatientCase read(InputStream in, String source, boolean strict) {
        try (JsonParser p = JSON.createParser(in)) {
            return read(p, Origin.of(source), strict, true);
        } catch (IOException e) {
            throw problem(source, SourcePosition.of(source), "cannot read: " + e.getMessage());
        }
    }

    /**
     * A case written on one line of a JSON Lines file ({@code bytes[offset, offset + length)}, UTF-8,
     * without its newline): read and checked as a case file is, every problem placed at
     * {@code source:line:column}; a case without "id" is named after the file and the line.
     */
    public PatientCase readLine(byte[] bytes, int offset, int length, String source, long line) {
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            return read(p, new Origin(source, line), false, true);
        } catch (IOException e) {
            throw problem(source, new SourcePosition(source, line, 0), "cannot read: " + e.getMessage());
        }
    }

    /** As {@link #read(InputStream, String, boolean)}, from text. */
    public PatientCase read(String json, String source, boolean strict) {
        return read(json, source, strict, true);
    }

    /**
     * A JSON case read and resolved, every problem of the JSON reported, but not checked against the
     * case shapes: what the shapes are given (the agreement test of the compiled checks with
     * jena-shacl, the validation benchmark).
     */
    public PatientCase readWithoutShapes(String json, String source) {
        return read(json, source, false, false);
    }

    private PatientCase read(String json, String source, boolean strict, boolean validate) {
        try (Reader r = new StringReader(json);
                JsonParser p = JSON.createParser(r)) {
            return read(p, Origin.of(source), strict, validate);
        } catch (IOException e) {
            throw problem(source, SourcePosition.of(source), "cannot read: " + e.getMessage());
        }
    }

    private record Named(String text, SourcePosition at) {}

    /**
     * A case written as free text ({@code asps-kg ddx --text}, a {@code text/plain} request): age,
     * sex and findings as the annotator reads them.
     */
    public PatientCase readText(String text, String source, boolean strict) {
        List<CaseInputException.Problem> problems = new ArrayList<>();
        List<CaseStatement> statements = new ArrayList<>();
        List<CaseReading> readings = new ArrayList<>();
        if (text.isBlank()) {
            throw problem(source, SourcePosition.of(source), "the case text is empty");
        }
        Integer[] age = {null};
        String[] sex = {null};
        readText(text, source, 1, 1, strict, statements, readings, problems, age, sex);
        List<String> fields = new ArrayList<>();
        fieldsUpTo(fields, statements, "text");
        return finish(Origin.of(source), null, null, age[0], sex[0], statements, fields, readings, problems, true);
    }

    private PatientCase read(JsonParser p, Origin o, boolean strictOption, boolean validate) throws IOException {
        String source = o.source();
        boolean strict = strictOption;
        String text = null;
        SourcePosition textAt = null;
        List<CaseInputException.Problem> problems = new ArrayList<>();
        String id = null;
        String label = null;
        Integer age = null;
        SourcePosition ageAt = null;
        String sex = null;
        SourcePosition sexAt = null;
        List<Named> findings = new ArrayList<>();
        List<Named> absent = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw problem(source, o.at(p), "a case is a JSON object { \"findings\": [...], ... }");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                SourcePosition keyAt = o.at(p);
                JsonToken value = p.nextToken();
                if (!seen.add(key)) {
                    problems.add(new CaseInputException.Problem(keyAt, "duplicate key \"" + key + "\""));
                }
                switch (key) {
                    case "id" -> {
                        if (value != JsonToken.VALUE_STRING
                                || !ID.matcher(p.getText()).matches()) {
                            problems.add(
                                    new CaseInputException.Problem(
                                            o.at(p),
                                            "\"id\" is a string of letters, digits, '.', '_' and '-', starting with a letter or digit"));
                        } else {
                            id = p.getText();
                        }
                    }
                    case "label" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            problems.add(new CaseInputException.Problem(o.at(p), "\"label\" is a string"));
                        } else if (!wellFormed(p.getText())) {
                            // an escaped half of a surrogate pair (\\ud800) is no character: stored, it would become
                            // '?'
                            problems.add(new CaseInputException.Problem(
                                    o.at(p), "\"label\" holds an unpaired surrogate escape (\\uD800–\\uDFFF alone)"));
                        } else {
                            label = p.getText();
                        }
                    }
                    case "age" -> {
                        ageAt = o.at(p);
                        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                            age = p.getIntValue();
                        } else if (value != JsonToken.VALUE_NULL) {
                            problems.add(new CaseInputException.Problem(
                                    ageAt, "\"age\" is a whole number of years, not " + describe(value, p)));
                        }
                    }
                    case "sex" -> {
                        sexAt = o.at(p);
                        if (value == JsonToken.VALUE_STRING
                                && demographics
                                        .sexes()
                                        .contains(p.getText().trim().toLowerCase(Locale.ROOT))) {
                            sex = p.getText().trim().toLowerCase(Locale.ROOT);
                        } else if (value != JsonToken.VALUE_NULL) {
                            problems.add(new CaseInputException.Problem(
                                    sexAt,
                                    "\"sex\" is one of "
                                            + String.join(
                                                    ", ",
                                                    demographics.sexes().stream()
                                                            .sorted()
                                                            .map(s -> "\"" + s + "\"")
                                                            .toList())
                                            + ", not " + describe(value, p)));
                        }
                    }
                    case "findings", "absent" ->
                        readNames(p, value, key, o, key.equals("findings") ? findings : absent, problems);
                    case "text" -> {
                        textAt = o.at(p);
                        if (value == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                            text = p.getText();
                        } else {
                            problems.add(new CaseInputException.Problem(
                                    textAt, "\"text\" is the case written as free text, a non-empty string"));
                            p.skipChildren();
                        }
                    }
                    case "strict" -> {
                        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                            strict |= value == JsonToken.VALUE_TRUE;
                        } else {
                            problems.add(new CaseInputException.Problem(o.at(p), "\"strict\" is true or false"));
                            p.skipChildren();
                        }
                    }
                    default -> {
                        problems.add(
                                new CaseInputException.Problem(keyAt, "unknown key \"" + key + "\"" + closestKey(key)));
                        p.skipChildren();
                    }
                }
            }
            // one case per document: anything after its closing brace is refused, not ignored
            if (p.currentToken() == JsonToken.END_OBJECT && p.nextToken() != null) {
                problems.add(new CaseInputException.Problem(
                        o.at(p), "text after the case's closing '}': a case file or request holds one JSON object"));
            }
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            problems.add(new CaseInputException.Problem(
                    l == null ? o.whole() : o.at(l.getLineNr(), l.getColumnNr()),
                    "JSON syntax: " + e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[")));
            throw new CaseInputException(source, problems);
        }
        if (findings.isEmpty() && absent.isEmpty() && text == null && problems.isEmpty()) {
            problems.add(new CaseInputException.Problem(
                    o.whole(), "a case needs at least one finding: give \"findings\", \"absent\" and/or \"text\""));
        }

        if (findings.size() + absent.size() > MAX_NAMES) {
            Named over =
                    findings.size() > MAX_NAMES ? findings.get(MAX_NAMES) : absent.get(MAX_NAMES - findings.size());
            problems.add(new CaseInputException.Problem(
                    over.at(),
                    String.format(
                            Locale.ROOT,
                            "a case states at most %,d findings (present and absent together); this one states %,d",
                            MAX_NAMES,
                            findings.size() + absent.size())));
            throw new CaseInputException(source, problems);
        }
        List<CaseStatement> statements = new ArrayList<>();
        List<CaseReading> readings = new ArrayList<>();
        // the key each statement was written under, for messages
        List<String> fields = new ArrayList<>();
        if (age != null) statements.add(CaseStatement.age(age, ageAt));
        fieldsUpTo(fields, statements, "age");
        if (sex != null) statements.add(CaseStatement.sex(sex, sexAt));
        fieldsUpTo(fields, statements, "sex");
        if (strict) {
            resolve(findings, true, statements, problems);
            fieldsUpTo(fields, statements, "findings");
            resolve(absent, false, statements, problems);
        } else {
            read(findings, true, statements, readings);
            fieldsUpTo(fields, statements, "findings");
            read(absent, false, statements, readings);
        }
        fieldsUpTo(fields, statements, "absent");
        if (text != null) {
            Integer[] textAge = {null};
            String[] textSex = {null};
            readText(
                    text,
                    source,
                    textAt.line(),
                    textAt.column() + 1,
                    strict,
                    statements,
                    readings,
                    problems,
                    age == null ? textAge : null,
                    sex == null ? textSex : null);
            if (age == null) age = textAge[0];
            if (sex == null) sex = textSex[0];
        }
        fieldsUpTo(fields, statements, "text");
        return finish(o, id, label, age, sex, statements, fields, readings, problems, validate);
    }

    private static void fieldsUpTo(List<String> fields, List<CaseStatement> statements, String key) {
        while (fields.size() < statements.size()) fields.add(key);
    }

    private PatientCase finish(
            Origin o,
            String id,
            String label,
            Integer age,
            String sex,
            List<CaseStatement> statements,
            List<String> fields,
            List<CaseReading> readings,
            List<CaseInputException.Problem> problems,
            boolean validate) {
        String source = o.source();
        boolean anyFinding = statements.stream()
                .anyMatch(st -> st.kind() == CaseStatement.Kind.PRESENT || st.kind() == CaseStatement.Kind.ABSENT);
        if (!anyFinding && problems.isEmpty()) {
            List<String> unread = readings.stream().map(CaseReading::describe).toList();
            problems.add(new CaseInputException.Problem(
                    o.whole(),
                    "nothing in the case names a finding, site or group the ontology knows"
                            + (unread.isEmpty() ? "" : ": " + String.join("; ", unread))));
        }
        if (!problems.isEmpty()) throw new CaseInputException(source, problems);

        if (id == null) id = o.defaultId();
        PatientCase c = new PatientCase(AspsVocabulary.CASE_NS + id, id, label, age, sex, statements, source, readings);
        if (validate) validate(c, fields, o);
        return c;
    }

    /** Phrases read with the text index: each term found is a statement, every reading is kept to show. */
    private void read(List<Named> names, boolean present, List<CaseStatement> into, List<CaseReading> readings) {
        for (Named n : names) {
            for (PhraseReading r : annotator.readPhrase(n.text())) {
                boolean absent = present == r.negated();
                readings.add(new CaseReading(r, n.at(), absent));
                if (r.outcome() == PhraseReading.Outcome.TERM) into.add(statement(n.text(), r, absent, n.at()));
            }
        }
    }

    private static CaseStatement statement(String written, PhraseReading r, boolean absent, SourcePosition at) {
        String shown = r.text().equals(written) ? written : r.text();
        return absent
                ? CaseStatement.absent(shown, r.term().iri(), r.term().label(), at)
                : CaseStatement.present(shown, r.term().iri(), r.term().label(), at);
    }

    /** Free text read by the annotator; in strict mode every span must be understood. */
    private void readText(
            String text,
            String source,
            long line,
            long column,
            boolean strict,
            List<CaseStatement> into,
            List<CaseReading> readings,
            List<CaseInputException.Problem> problems,
            Integer[] age,
            String[] sex) {
        TextReading t = annotator.read(text);
        // age and sex from the text unless the case gives them (then age or sex is null here)
        if (t.age() != null && age != null) {
            age[0] = t.age();
            into.add(CaseStatement.age(
                    t.age(), position(source, text, t.ageSpan().start(), line, column)));
        }
        if (t.sex() != null && sex != null && demographics.sexes().contains(t.sex())) {
            sex[0] = t.sex();
            into.add(CaseStatement.sex(
                    t.sex(), position(source, text, t.sexSpan().start(), line, column)));
        }
        // a finding the text mentions both with and without a negation is not a contradiction of the patient:
        // the negated mention qualifies the finding ("pain during motion ... no spontaneous pain", "painless
        // at first ... mildly painful", "more painful ... nontender"), so the case has it; the negated
        // mention is shown, not used
        Set<String> present = new HashSet<>();
        Set<String> negated = new HashSet<>();
        for (PhraseReading r : t.phrases()) {
            if (r.outcome() == PhraseReading.Outcome.TERM)
                (r.negated() ? negated : present).add(r.term().iri());
        }
        present.retainAll(negated);
        for (PhraseReading read : t.phrases()) {
            PhraseReading r = read;
            if (r.outcome() == PhraseReading.Outcome.TERM
                    && r.negated()
                    && present.contains(r.term().iri())) {
                r = new PhraseReading(
                        r.start(),
                        r.end(),
                        r.text(),
                        PhraseReading.Outcome.NOT_USED,
                        false,
                        r.cue(),
                        r.terms(),
                        r.term().label() + " is stated present elsewhere in the text: the negation qualifies it",
                        List.of());
            }
            SourcePosition at = position(source, text, r.start(), line, column);
            boolean absent = r.negated();
            CaseReading reading = new CaseReading(r, at, absent);
            readings.add(reading);
            if (r.outcome() == PhraseReading.Outcome.TERM) {
                into.add(statement(r.text(), r, absent, at));
            } else if (strict
                    && (r.outcome() == PhraseReading.Outcome.UNKNOWN
                            || r.outcome() == PhraseReading.Outcome.AMBIGUOUS)) {
                problems.add(new CaseInputException.Problem(at, "strict: " + reading.describe()));
            }
        }
    }

    /** Where an offset of a text is, given where the text starts (line and column of its first character). */
    private static SourcePosition position(String source, String text, int offset, long line, long column) {
        long l = line;
        long c = column;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return new SourcePosition(source, l, c);
    }

    private static void readNames(
            JsonParser p,
            JsonToken value,
            String key,
            Origin o,
            List<Named> into,
            List<CaseInputException.Problem> problems)
            throws IOException {
        if (value != JsonToken.START_ARRAY) {
            problems.add(new CaseInputException.Problem(o.at(p), "\"" + key + "\" is a list of names: [\"...\", ...]"));
            p.skipChildren();
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                into.add(new Named(p.getText().trim(), o.at(p)));
            } else {
                problems.add(new CaseInputException.Problem(
                        o.at(p), "each entry of \"" + key + "\" is a non-empty name, not " + describe(t, p)));
                p.skipChildren();
            }
        }
    }

    private void resolve(
            List<Named> names, boolean present, List<CaseStatement> into, List<CaseInputException.Problem> problems) {
        int unknown = 0;
        Named firstUnlisted = null;
        for (Named n : names) {
            var term = terms.resolve(n.text());
            if (term.isEmpty()) {
                // suggestions cost a search of the vocabulary each: the first few unknown names get them
                if (++unknown <= MAX_UNKNOWN_LISTED) {
                    problems.add(new CaseInputException.Problem(n.at(), terms.explainUnknown(n.text())));
                } else if (firstUnlisted == null) {
                    firstUnlisted = n;
                }
                continue;
            }
            into.add(
                    present
                            ? CaseStatement.present(
                                    n.text(), term.get().iri(), term.get().label(), n.at())
                            : CaseStatement.absent(
                                    n.text(), term.get().iri(), term.get().label(), n.at()));
        }
        if (firstUnlisted != null) {
            problems.add(new CaseInputException.Problem(
                    firstUnlisted.at(),
                    String.format(
                            Locale.ROOT,
                            "and %,d more unknown names from here on (the first %d are listed)",
                            unknown - MAX_UNKNOWN_LISTED,
                            MAX_UNKNOWN_LISTED)));
        }
    }

    /**
     * Checks the case against the case shapes — compiled, or with jena-shacl on its RDF form when the
     * shapes could not be compiled — pointing each violation at its statement and key.
     */
    private void validate(PatientCase c, List<String> fields, Origin o) {
        String source = o.source();
        if (compiled == null) {
            validateWithShacl(c, o);
            return;
        }
        List<CompiledCaseShapes.Violation> violations = compiled.check(c);
        if (violations.isEmpty()) return;
        Set<CaseInputException.Problem> problems = new LinkedHashSet<>();
        for (CompiledCaseShapes.Violation v : violations) {
            int i = v.statement();
            if (i == CompiledCaseShapes.NO_STATEMENT && v.path() != null) i = firstOnPath(c, v.path());
            String message = v.message() != null ? v.message() : "does not conform to " + v.shape();
            if (i == CompiledCaseShapes.NO_STATEMENT) {
                problems.add(new CaseInputException.Problem(o.whole(), message));
            } else {
                CaseStatement st = c.statements().get(i);
                String what = v.statement() == CompiledCaseShapes.NO_STATEMENT ? "" : " " + shown(st);
                problems.add(new CaseInputException.Problem(
                        st.position(), "\"" + fields.get(i) + "\"" + what + ": " + message));
            }
        }
        throw new CaseInputException(source, List.copyOf(problems));
    }

    /** The first statement (as written) whose node is a value of the path, or none. */
    private int firstOnPath(PatientCase c, String path) {
        int best = CompiledCaseShapes.NO_STATEMENT;
        for (int i = 0; i < c.statements().size(); i++) {
            CaseStatement st = c.statements().get(i);
            String on = switch (st.kind()) {
                case AGE -> AspsVocabulary.AGE_IN_YEARS.getURI();
                case ABSENT -> RDF.type.getURI();
                case PRESENT, SEX -> rdf.propertyOf(st);
            };
            if (!on.equals(path)) continue;
            SourcePosition p = st.position();
            SourcePosition b = best < 0 ? null : c.statements().get(best).position();
            if (b == null || p.line() < b.line() || (p.line() == b.line() && p.column() < b.column())) best = i;
        }
        return best;
    }

    /** A statement as a message shows it: the age, or the name as written with its class' label. */
    private static String shown(CaseStatement st) {
        return switch (st.kind()) {
            case AGE -> st.written();
            case SEX -> "'" + st.written() + "'";
            case PRESENT, ABSENT ->
                "'" + st.written() + "'" + (st.written().equals(st.termLabel()) ? "" : " (" + st.termLabel() + ")");
        };
    }

    /** Converts the case to RDF and checks it with jena-shacl, pointing each violation at its statement. */
    private void validateWithShacl(PatientCase c, Origin o) {
        String source = o.source();
        CaseGraph g = rdf.graph(c);
        List<CaseShapes.Violation> violations = shapes.validate(g.model().getGraph());
        if (violations.isEmpty()) return;
        Set<CaseInputException.Problem> problems = new LinkedHashSet<>();
        for (CaseShapes.Violation v : violations) {
            problems.add(new CaseInputException.Problem(position(v, c, g, o), "SHACL: " + v.message()));
        }
        throw new CaseInputException(source, List.copyOf(problems));
    }

    /**
     * Where the statement behind a SHACL result was written: the statement whose node is the
     * result's value, or its focus; for a result about the case on a property, the first statement
     * written for that property.
     */
    private static SourcePosition position(CaseShapes.Violation v, PatientCase c, CaseGraph g, Origin o) {
        Node caseNode = g.caseResource().asNode();
        List<Predicate<Node>> preferences = List.of(
                n -> v.value() != null && n.equals(v.value()),
                n -> !v.focus().equals(caseNode) && n.equals(v.focus()),
                n -> v.focus().equals(caseNode)
                        && v.predicate() != null
                        && g.model().getGraph().contains(caseNode, v.predicate(), n));
        for (var preference : preferences) {
            SourcePosition best = null;
            for (Map.Entry<Node, Integer> e : g.statementOfNode().entrySet()) {
                if (!preference.test(e.getKey())) continue;
                SourcePosition p = c.statements().get(e.getValue()).position();
                if (best == null || p.line() < best.line() || (p.line() == best.line() && p.column() < best.column())) {
                    best = p;
                }
            }
            if (best != null) return best;
        }
        return o.whole();
    }

    /** No unpaired UTF-16 surrogate: the text can be written as UTF-8. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String closestKey(String key) {
        LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
        String best =
                KEYS.stream().min((a, b) -> d.apply(key, a) - d.apply(key, b)).orElseThrow();
        return d.apply(key.toLowerCase(Locale.ROOT), best) <= 3
                ? "; did you mean \"" + best + "\"?"
                : "; a case has the keys " + String.join(", ", KEYS);
    }

    private static String describe(JsonToken t, JsonParser p) throws IOException {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "\"" + p.getText() + "\"";
            case VALUE_NULL -> "null";
            default -> p.getText();
        };
    }

    /**
     * Where a case was written: a file (or request) of its own, or line {@code line} of a JSON Lines
     * file, where Jackson's line 1 is that line and a problem of the whole case is placed on it.
     */
    private record Origin(String source, long line) {
        static Origin of(String source) {
            return new Origin(source, 0);
        }

        SourcePosition at(JsonParser p) {
            JsonLocation l = p.currentTokenLocation();
            return at(l.getLineNr(), l.getColumnNr());
        }

        SourcePosition at(long jsonLine, long column) {
            return new SourcePosition(source, line == 0 ? jsonLine : line + Math.max(1, jsonLine) - 1, column);
        }

        SourcePosition whole() {
            return line == 0 ? SourcePosition.of(source) : new SourcePosition(source, line, 0);
        }

        /** A case without "id": named after its file, and in a JSON Lines file after its line too. */
        String defaultId() {
            String id = JsonCaseReader.defaultId(source);
            return line == 0 ? id : id + "-" + line;
        }
    }

    private static CaseInputException problem(String source, SourcePosition at, String message) {
        return new CaseInputException(source, List.of(new CaseInputException.Problem(at, message)));
    }

    /** A case without "id" is named after its file: {@code cases/x.json} → {@code x}. */
    static String defaultId(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) name = name.substring(0, dot);
        name = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "case" + name : name;
    }
}
