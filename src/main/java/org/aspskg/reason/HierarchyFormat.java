package org.aspskg.reason;

import java.io.PrintWriter;
import java.util.Locale;
import org.aspskg.AspsKgException;

/** How {@code asps-kg reason} prints a {@link ClassHierarchy}: an indented tree for people, or TSV. */
public enum HierarchyFormat {
    /** The indented hierarchy, inferred edges marked ({@link ClassHierarchy#treeLines()}). */
    TREE {
        @Override
        public void write(ClassHierarchy hierarchy, PrintWriter out) {
            hierarchy.treeLines().forEach(out::println);
        }
    },
    /** One direct subsumption a line: child, parent, asserted|inferred. */
    TSV {
        @Override
        public void write(ClassHierarchy hierarchy, PrintWriter out) {
            out.println("child\tparent\tstatus");
            hierarchy
                    .edges()
                    .forEach(e -> out.println(e.child().getIRI() + "\t"
                            + e.parent().getIRI() + "\t" + (e.asserted() ? "asserted" : "inferred")));
        }
    };

    public abstract void write(ClassHierarchy hierarchy, PrintWriter out);

    /** Parses tree or tsv in any case. */
    public static HierarchyFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AspsKgException("unknown format '" + text + "'", "Use tree or tsv.");
        }
    }
}
