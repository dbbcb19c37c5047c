/**
 * A ranking in the forms people and programs read: a table ({@link org.aspskg.ddx.render.RankingTable}),
 * JSON ({@link org.aspskg.ddx.render.RankingJson}) and RDF with its case
 * ({@link org.aspskg.ddx.render.RankingGraph}), chosen by {@link org.aspskg.ddx.render.RankingFormat}.
 *
 * <p>Entry point: {@link org.aspskg.ddx.render.RankedCase}, the one result every format renders
 * from and the cases graph stores, made by {@link org.aspskg.ddx.render.RankingRenderer}.
 */
package org.aspskg.ddx.render;
