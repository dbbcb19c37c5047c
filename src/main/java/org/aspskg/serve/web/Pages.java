package org.aspskg.serve.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sending a rendered page. */
final class Pages {
    private Pages() {}

    static void send(HttpServletResponse resp, int status, String html) throws IOException {
        send(resp, status, "text/html;charset=utf-8", html);
    }

    static void send(HttpServletResponse resp, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
