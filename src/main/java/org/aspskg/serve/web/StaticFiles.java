package org.aspskg.serve.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages' own scripts and style sheet ({@code /static/…}, from {@code web/static/} in the jar) and
 * the SPARQL console's YASGUI and Chart.js ({@code /static/vendor/yasgui/…}, {@code /static/vendor/chartjs/…},
 * copied into the jar by the build from the npm packages). Files are read once and kept; nothing outside those two folders is reachable.
 */
final class StaticFiles extends HttpServlet {
    static final String PATH = "/static";
    private static final String ROOT = "/org/aspskg/serve/web/";
    private static final Pattern SAFE = Pattern.compile("/(vendor/(yasgui|chartjs)/)?[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "json", "application/json;charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "txt", "text/plain;charset=utf-8");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null || !SAFE.matcher(path).matches() || path.contains("..")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String resource = ROOT + (path.startsWith("/vendor/") ? path.substring(1) : "static" + path);
        byte[] bytes = cache.computeIfAbsent(resource, StaticFiles::read);
        String ext = path.substring(path.lastIndexOf('.') + 1);
        if (bytes.length == 0 || !TYPES.containsKey(ext)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType(TYPES.get(ext));
        resp.setHeader("Cache-Control", "public, max-age=3600");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
