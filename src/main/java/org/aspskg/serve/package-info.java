/**
 * The SPARQL server: {@link org.aspskg.serve.KnowledgeGraphServer} assembles an embedded Fuseki over
 * the store, adds the differential diagnosis as a Fuseki operation
 * ({@link org.aspskg.serve.DifferentialEndpoint}), and puts Jetty's request limits in front of it
 * ({@link org.aspskg.serve.ServerLimits}). {@code asps-kg serve} is its command line.
 */
package org.aspskg.serve;
