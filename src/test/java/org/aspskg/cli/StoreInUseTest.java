package org.aspskg.cli;

import static org.aspskg.store.TestStores.fileDigests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aspskg.store.StoreHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store that another process has open (a running {@code serve}) gives every command that opens it a
 * message and a hint — no raw Jena lock exception, no stack trace — and the store is left as it was.
 */
class StoreInUseTest {
    @TempDir
    static Path shared;

    static Path store;
    static StoreHolder holder;

    @BeforeAll
    static void buildAndHold() throws Exception {
        store = shared.resolve("tdb2");
        assertEquals(0, CliRun.of("build", "--store", store.toString()).exit());
        holder = StoreHolder.start(store);
    }

    @AfterAll
    static void release() throws Exception {
        holder.close();
    }

    static Stream<List<String>> commands() {
        String s = "--store=STORE";
        return Stream.of(
                List.of("query", s, "-q", "ASK {}"),
                List.of("query", s, "07"),
                List.of("serve", s, "--port", "0"),
                List.of("build", s),
                List.of("build", s, "--cases", "ontology/examples/asps-buttock-lung-metastases.ttl"),
                List.of("ddx", s, "--store-ranking", "ontology/examples/asps-thigh-young-woman.json"),
                List.of("rank", s, "ontology/examples/asps-buttock-lung-metastases.ttl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aStoreOpenInAnotherProcessIsAMessageWithAHintAndLeftAsItWas(List<String> command) {
        String[] args =
                command.stream().map(a -> a.replace("STORE", store.toString())).toArray(String[]::new);
        Map<String, String> before = fileDigests(store);
        CliRun r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> CliRun.of(args));
        assertEquals(Main.EXIT_USER_ERROR, r.exit(), r.out() + r.err());
        List<String> errors =
                r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(
                errors.get(0)
                        .matches("error: the store .*tdb2 is (in use by another process|open in a running process).*"),
                r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("hint: ")), r.err());
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(r.err().contains("Exception"), "no exception name: " + r.err());
        assertEquals(before, fileDigests(store));
    }
}
