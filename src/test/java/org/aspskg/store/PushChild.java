package org.aspskg.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The child JVM of {@link PushMemoryTest}: pushes one graph of a store to each endpoint given and prints,
 * per endpoint, {@code mode triples bytes}.
 *
 * <pre>PushChild STORE GRAPH ENDPOINT...</pre>
 */
final class PushChild {
    private PushChild() {}

    public static void main(String[] args) {
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.connect(Path.of(args[0]))) {
            for (int i = 2; i < args.length; i++) {
                GraphStorePush push = new GraphStorePush(args[i], null).progress(System.err::println);
                GraphStorePush.Pushed p = push.push(kg, List.of(args[1])).get(0);
                System.out.printf(Locale.ROOT, "%s %d %d%n", push.bodyMode(), p.triples(), p.bytes());
            }
        }
    }
}
