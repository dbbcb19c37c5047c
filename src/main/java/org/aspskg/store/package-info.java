/**
 * The TDB2 store and its named graphs. Entry points: {@link org.aspskg.store.StoreBuilder} (the build:
 * ontology → reasoner → RDF → a fresh directory swapped in when complete; {@link org.aspskg.store.StandardBuild}
 * configures the project's) and {@link org.aspskg.store.KnowledgeGraphStore#open}; {@link org.aspskg.store.GraphStorePush}
 * copies the graphs to another store.
 */
package org.aspskg.store;
