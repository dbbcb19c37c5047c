/**
 * SPARQL without a server, and the query library. Entry points: {@link org.aspskg.query.SparqlQueries}
 * (parse, run, write in an {@link org.aspskg.query.OutputFormat}) and {@link org.aspskg.query.QueryLibrary}
 * (the competency questions in {@code queries/}), checked against their expected results by
 * {@link org.aspskg.query.LibraryCheck}.
 */
package org.aspskg.query;
