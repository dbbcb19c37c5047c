/**
 * The store's cases graph: each stored case with its latest ranking, replaced as a whole when the
 * case is stored again ({@code ddx --store-ranking}, {@code POST /asps/ddx?store=true}), and the
 * triples a case owns there (which a build's case load replaces).
 *
 * <p>Entry point: {@link org.aspskg.ddx.store.CasesGraph}.
 */
package org.aspskg.ddx.store;
