package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asps-kg generate} as the README shows it, and its errors. */
class GenerateCommandTest {
    private static final String JAR = "java -jar target/asps-kg.jar ";

    /** The README's first generate command, as arguments, with --out replaced. */
    private static List<String> readmeCommand(Path out) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String line = readme.lines()
                .filter(l -> l.startsWith("    " + JAR + "generate "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no generate command in the README"));
        List<String> args =
                new ArrayList<>(List.of(line.substring(4 + JAR.length()).strip().split(" +")));
        args.set(args.indexOf("--out") + 1, out.toString());
        return args;
    }

    @Test
    void readmeCommandWritesEveryFormatAndATruthRowPerCase(@TempDir Path out) throws Exception {
        List<String> args = readmeCommand(out);
        int cases = Integer.parseInt(args.get(args.indexOf("--cases") + 1));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        assertEquals(cases + 1, Files.readAllLines(out.resolve("truth.tsv")).size());
        try (var json = Files.list(out.resolve("json"))) {
            assertEquals(cases, json.count());
        }
        assertTrue(Files.size(out.resolve("cohort.ttl")) > 0 && Files.size(out.resolve("cohort.nt")) > 0);
        // the JSON case files are what ddx reads
        Path first = out.resolve("json")
                .resolve(Files.readAllLines(out.resolve("truth.tsv")).get(1).split("\t")[0] + ".json");
        CliRun ddx = CliRun.of("ddx", "--format", "json", first.toString());
        assertEquals(0, ddx.exit(), ddx.err());
    }

    @Test
    void unknownFormatOrNoCasesIsAUserError(@TempDir Path out) {
        CliRun format = CliRun.of("generate", "--cases", "3", "--out", out.toString(), "--format", "xml");
        assertEquals(2, format.exit(), format.err());
        assertTrue(format.err().contains("unknown cohort format 'xml'"), format.err());
        CliRun none = CliRun.of("generate", "--cases", "0", "--out", out.toString());
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("--cases 0"), none.err());
    }
}
