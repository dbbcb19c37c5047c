/**
 * The {@code asps-kg} command line (picocli). Entry point: {@link org.aspskg.cli.Main}, the root that
 * dispatches to one small {@code …Command} class per command and maps errors to exit codes. A command
 * parses its options, calls one operation of another package and prints. Options that several
 * commands share are mixins ({@link org.aspskg.cli.StoreOptions}, {@link org.aspskg.cli.OntologyOption},
 * {@link org.aspskg.cli.ReportOptions}, …); {@code options.properties} holds the help text of a shared
 * option for the commands that word it their own way.
 */
package org.aspskg.cli;
