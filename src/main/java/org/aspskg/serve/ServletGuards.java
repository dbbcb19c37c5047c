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
import org.aspskg.PrintableText;
import org.aspskg.serve.web.WebFront;
import org.eclipse.jetty.http.BadMessageException;
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
            HttpServletRequest checked = new HiddenCredentials(http);
            try {
                // the query string and a form body parsed now: a malformed one (%ZZ, an unknown charset) is
                // the client's 400, where Fuseki's servlets turned Jetty's BadMessageException into a 500
                boolean streamed = KnowledgeGraphServer.STREAMED_PATH.equals(http.getRequestURI());
                // a streamed body is its endpoint's to read; a form sent there is refused, not parsed
                if (!streamed || !isForm(checked)) checked.getParameterMap();
                // a spooled body (a Graph Store upload) is complete in its file: Fuseki reads it from there
                boolean spooled = http.getAttribute(SpooledBody.ATTRIBUTE) != null;
                if (!streamed && !spooled && hasOtherBody(checked))
                    checked = new BufferedBody(checked, checked.getInputStream().readAllBytes());
            } catch (BadMessageException e) {
                out.sendError(e.getCode(), e.getReason());
                return;
            } catch (IllegalArgumentException e) {
                // a charset name Java cannot even look up (IllegalCharsetNameException: "utf-8," of a
                // comma-joined Content-Type), where an unknown but well-formed one is Jetty's 400 above
                out.sendError(
                        HttpServletResponse.SC_BAD_REQUEST,
                        "the request's charset cannot be read: " + PrintableText.of(String.valueOf(e.getMessage())));
                return;
            } catch (IOException e) {
                // a broken chunk or a body cut short (already bounded in size and time by RequestBodies)
                out.sendError(
                        HttpServletResponse.SC_BAD_REQUEST, "the request body could not be read: " + e.getMessage());
                return;
            }
            chain.doFilter(checked, new ComputedLength(out));
        } else {
            chain.doFilter(request, response);
        }
    }

    /** A request body that is not a form (read by getParameterMap): SPARQL, RDF, a case. */
    private static boolean hasOtherBody(HttpServletRequest request) {
        if (request.getContentLengthLong() == 0) return false;
        if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null) return false;
        return !isForm(request);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The request with its body read into memory (bounded by --max-body), so that a read error is ours to answer. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
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
