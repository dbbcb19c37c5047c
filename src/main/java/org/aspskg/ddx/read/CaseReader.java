package org.aspskg.ddx.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ontology.Utf8Text;

/** Reads a case from any {@link CaseInput}: JSON or Turtle text, or a file by its extension ({@code .json}, {@code .ttl}). */
public final class CaseReader {
    private final JsonCaseReader json;
    private final TurtleCaseReader turtle;

    public CaseReader(JsonCaseReader json, TurtleCaseReader turtle) {
        this.json = json;
        this.turtle = turtle;
    }

    /** The one case of an input; fails if Turtle holds none or several. */
    public PatientCase read(CaseInput input) {
        return read(input, false);
    }

    /**
     * The one case of an input. With {@code strict}, a JSON case's names must be exact (label,
     * synonym, CURIE, IRI) and free text must be understood entirely, or the case is refused.
     */
    public PatientCase read(CaseInput input, boolean strict) {
        if (input instanceof CaseInput.FreeText text) return json.readText(text.text(), text.source(), strict);
        if (input instanceof CaseInput.JsonText text) return json.read(text.text(), text.source(), strict);
        if (input instanceof CaseInput.TurtleText text) {
            List<PatientCase> cases = turtle.read(text.text(), text.source());
            if (cases.size() != 1) {
                throw new AspsKgException(
                        text.source() + ": holds " + cases.size() + " patient cases; rank one at a time",
                        "Send each case on its own.");
            }
            return cases.get(0);
        }
        Path file = ((CaseInput.CaseFile) input).file();
        List<PatientCase> cases = readAll(file, strict);
        if (cases.size() != 1) {
            throw new AspsKgException(
                    file + ": holds " + cases.size() + " patient cases; ddx ranks one case per file",
                    "Put each case in its own file.");
        }
        return cases.get(0);
    }

    /** The one case of a file; fails if a Turtle file holds none or several. */
    public PatientCase read(Path file) {
        return read(CaseInput.file(file));
    }

    /** All cases of a file (a JSON file holds one; a Turtle file may hold several). */
    public List<PatientCase> readAll(Path file) {
        return readAll(file, false);
    }

    /** All cases of a file, JSON read strictly or not. */
    public List<PatientCase> readAll(Path file, boolean strict) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new AspsKgException(file + ": no such readable file", "Give the path of a .json or .ttl case file.");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".ttl")) Utf8Text.requireValid(file);
        try (InputStream in = Files.newInputStream(file)) {
            if (name.endsWith(".json")) return List.of(json.read(in, file.toString(), strict));
            if (name.endsWith(".ttl")) return turtle.read(in, file.toString());
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot read: " + e.getMessage(), "Check the file's permissions.", e);
        }
        throw new AspsKgException(file + ": unknown case format", "A case file ends in .json or .ttl.");
    }
}
