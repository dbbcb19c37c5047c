/**
 * SSSOM mappings from asps-kg terms to external vocabularies. Entry points: {@link org.aspskg.mapping.SssomReader}
 * (read a mapping set), {@link org.aspskg.mapping.MappingSetChecker} ({@code asps-kg map --check}),
 * {@link org.aspskg.mapping.CodeLookup} ({@code asps-kg map CODE}) and {@link org.aspskg.mapping.MappingGraph}
 * (the set as RDF, for the store and the release).
 */
package org.aspskg.mapping;
