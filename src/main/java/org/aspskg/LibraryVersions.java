package org.aspskg;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions of the libraries on the classpath, as Maven records them in each jar. */
public final class LibraryVersions {
    private LibraryVersions() {}

    /**
     * A library's version from the {@code pom.properties} Maven puts in its jar (the shaded jar keeps them);
     * "unknown" when the jar has none or it cannot be read.
     */
    public static String of(String group, String artifact) {
        String name = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = LibraryVersions.class.getResourceAsStream(name)) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
