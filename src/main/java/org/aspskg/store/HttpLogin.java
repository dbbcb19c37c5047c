package org.aspskg.store;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.http.auth.AuthHeader;
import org.aspskg.AspsKgException;

/**
 * The Authorization header for one login, in the scheme the endpoint asks for: HTTP Basic (RFC 7617) or
 * HTTP Digest (RFC 7616, MD5 with qop=auth, as Virtuoso's {@code /sparql-graph-crud-auth} and Fuseki's
 * digest mode ask). The challenge is read from a 401 answer's {@code WWW-Authenticate} header (parsed by
 * Jena's {@link AuthHeader}); until there is one, Basic is sent.
 */
final class HttpLogin {
    private final GraphStorePush.Credentials credentials;
    private Map<String, String> digest; // the challenge's parameters, or null for Basic
    private int nonceCount;

    HttpLogin(GraphStorePush.Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * Reads the challenges of a 401 answer and returns true when they change what the next request should
     * send: a first Digest challenge (Basic is sent until then) or a stale nonce. False means the login
     * was refused as it stands.
     */
    boolean challenge(HttpHeaders headers) {
        for (String c : headers.allValues("WWW-Authenticate")) {
            AuthHeader h;
            try {
                h = AuthHeader.parseChallenge(c);
            } catch (RuntimeException e) {
                continue;
            }
            if (h != null && h.isDigestAuth() && h.getAuthParams().containsKey("nonce")) {
                boolean first = digest == null;
                boolean stale = "true".equalsIgnoreCase(h.getAuthParams().getOrDefault("stale", "false"));
                digest = h.getAuthParams();
                nonceCount = 0;
                return first || stale;
            }
        }
        return false;
    }

    boolean isDigest() {
        return digest != null;
    }

    /** The header value for a request, or empty without credentials. */
    Optional<String> authorization(String method, URI uri) {
        if (credentials == null) return Optional.empty();
        if (digest == null) {
            String token = credentials.user() + ":" + credentials.password();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        String realm = digest.getOrDefault("realm", "");
        String nonce = digest.getOrDefault("nonce", "");
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String algorithm = digest.getOrDefault("algorithm", "MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) {
            throw new AspsKgException(
                    uri + " asks for HTTP Digest with algorithm " + algorithm,
                    "Only MD5 Digest (and Basic) are supported; ask the endpoint's administrator for one of them.");
        }
        String ha1 = md5(credentials.user() + ":" + realm + ":" + credentials.password());
        String ha2 = md5(method + ":" + target);
        StringBuilder header = new StringBuilder("Digest username=\"")
                .append(credentials.user())
                .append("\", realm=\"")
                .append(realm)
                .append("\", nonce=\"")
                .append(nonce)
                .append("\", uri=\"")
                .append(target)
                .append("\", algorithm=MD5");
        String qop = digest.get("qop");
        if (qop != null
                && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth")) {
            String nc = String.format(Locale.ROOT, "%08x", ++nonceCount);
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String cnonce = HexFormat.of().formatHex(random);
            header.append(", qop=auth, nc=")
                    .append(nc)
                    .append(", cnonce=\"")
                    .append(cnonce)
                    .append("\", response=\"");
            header.append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2))
                    .append('"');
        } else {
            header.append(", response=\"")
                    .append(md5(ha1 + ":" + nonce + ":" + ha2))
                    .append('"');
        }
        if (digest.containsKey("opaque"))
            header.append(", opaque=\"").append(digest.get("opaque")).append('"');
        return Optional.of(header.toString());
    }

    private static String md5(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
