/**
 * The web front on the SPARQL server: home page, term pages (HTML or RDF by content negotiation),
 * search API, SPARQL console, differential diagnosis form, CORS and the service description. Entry
 * point: {@link org.aspskg.serve.web.WebFront#install}, called by
 * {@link org.aspskg.serve.KnowledgeGraphServer.Builder#build}.
 */
package org.aspskg.serve.web;
