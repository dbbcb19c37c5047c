package org.aspskg.serve.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The version of the store's data as the web front keeps it: one more after every request that may
 * have written (SPARQL Update, a Graph Store write), counted by this filter on the write endpoints
 * once the request is done. What the web front keeps — rendered term pages, the search index, the
 * asserted graph read into the OWL API — is made from one version and dropped when the version
 * moves on, so that a write through the authenticated endpoints shows on the next request. On a
 * read-only server the version never moves and everything is made once.
 *
 * <p>Something made while a write is under way may carry the old version, or the new data under the
 * old version; either way it is dropped when the write's request ends. Rankings stored by {@code
 * ddx?store=true} go to the cases graph, which nothing kept here reads, so they do not count.
 */
final class StoreVersion implements Filter {
    /** Methods that never write. */
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AtomicLong version = new AtomicLong();

    /** The current version: read it before making something, and keep that only while it is still current. */
    long current() {
        return version.get();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean write = request instanceof HttpServletRequest http && !READS.contains(http.getMethod());
        try {
            chain.doFilter(request, response);
        } finally {
            // after the write committed (or failed): a refused or failed write only costs a rebuild
            if (write) version.incrementAndGet();
        }
    }
}
