package org.aspskg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins down that exactly one OWL API (the 5.5.1 distribution) is on the classpath. */
class ClasspathTest {
    @Test
    void exactlyOneJarProvidesTheOwlApi() throws Exception {
        List<URL> found = Collections.list(
                getClass().getClassLoader().getResources("org/semanticweb/owlapi/model/OWLOntology.class"));
        assertEquals(1, found.size(), "OWL API provided by: " + found);
        assertEquals(
                true,
                found.get(0).toString().contains("owlapi-distribution-5.5.1"),
                found.get(0).toString());
    }

    @Test
    void owlApiModuleJarsFromReasonersAreExcluded() throws Exception {
        List<String> modules = new ArrayList<>();
        for (String cp : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = cp.substring(cp.lastIndexOf(File.separatorChar) + 1);
            if (name.startsWith("owlapi-")
                    && !name.startsWith("owlapi-distribution")
                    && !name.startsWith("owlapi-proof")) {
                modules.add(name);
            }
        }
        assertEquals(List.of(), modules);
    }
}
