package org.aspskg.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.aspskg.serve.web.WebFront;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Corrections in front of Fuseki's servlets (Jetty's authentication has already run on the raw
 * request, so neither affects it):
 *
 * <ul>
 *   <li>The {@code Authorization} header reads as {@value #HIDDEN}: Fuseki's verbose request log
 *       prints every header, and a password must never reach a log.
 *   <li>Response lengths are Jetty's to compute: Fuseki declares the length of its plain-text error
 *       messages in characters but writes UTF-8 bytes, so a message with a non-ASCII character (a
 *       SPARQL syntax error quoting the query) failed as 500 "Insufficient content written" instead of
 *       the 400 it is. Jetty buffers the response and sets the length from the bytes.
 *   <li>The {@code Server} header names Fuseki and its own version on every response.
 * </ul>
 */
final class ServletGuards implements Filter {
    static final String HIDDEN = "(hidden)";
    /** Fuseki's name and version: Fuseki itself reads its version from the jar it is in, which is ours once shaded. */
    static final String SERVER = WebFront.serverName();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
            out.setHeader(HttpHeader.SERVER.asString(), SERVER);
            chain.doFilter(new HiddenCredentials(http), new ComputedLength(out));
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean isAuthorization(String name) {
        return HttpHeader.AUTHORIZATION.is(name) || HttpHeader.PROXY_AUTHORIZATION.is(name);
    }

    private static final class HiddenCredentials extends HttpServletRequestWrapper {
        HiddenCredentials(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            return value != null && isAuthorization(name) ? HIDDEN : value;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (isAuthorization(name) && super.getHeader(name) != null) {
                return Collections.enumeration(java.util.List.of(HIDDEN));
            }
            return super.getHeaders(name);
        }
    }

    private static final class ComputedLength extends HttpServletResponseWrapper {
        ComputedLength(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, HttpHeader.SERVER.is(name) ? SERVER : value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (HttpHeader.SERVER.is(name)) super.setHeader(name, SERVER);
            else super.addHeader(name, value);
        }

        @Override
        public void setContentLength(int len) {}

        @Override
        public void setContentLengthLong(long len) {}
    }
}
