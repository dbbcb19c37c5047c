package org.aspskg.bad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /asps/ddx/batch} streams both ways: a child {@code serve} with {@value #HEAP} of heap
 * ranks a batch of {@value #CASES} cases whose body (each case padded with a 1,400-character label)
 * and whose answer are each larger than that heap, answering every line.
 */
class BatchMemoryTest {
    private static final String HEAP = "-Xmx128m";
    private static final int CASES = 100_000;
    private static final String PADDING = "p".repeat(1400);

    @TempDir
    Path dir;

    private static byte[] line(int i) {
        return ("{\"id\": \"mem-" + i + "\", \"label\": \"" + PADDING
                        + "\", \"age\": 24, \"sex\": \"female\", \"findings\": [\"thigh\", \"deep soft tissue\","
                        + " \"flow voids\", \"hypervascularity\"], \"absent\": [\"calcification\"]}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBatchLargerThanTheHeapBothWaysIsAnsweredLineByLine() throws Exception {
        long bodyBytes = 0;
        for (int i = 0; i < CASES; i++) bodyBytes += line(i).length;
        assertTrue(bodyBytes > 128L << 20, "the body is larger than the heap: " + bodyBytes);
        Path store = TestStores.copyOfShared(dir.resolve("tdb2"));
        try (ChildServe serve = ChildServe.start(
                HEAP,
                store,
                dir.resolve("serve.log"),
                "--max-batch",
                String.valueOf(CASES),
                "--body-timeout",
                "60000")) {
            URI uri = URI.create(serve.base);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(300_000);
                long length = bodyBytes;
                // the body is sent on its own thread while this one reads the answer: a client that read
                // only after sending would stall against the server's answer (TCP's windows fill)
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
                        out.write(("POST /asps/ddx/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/x-ndjson\r\nContent-Length: " + length
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; i < CASES; i++) out.write(line(i));
                        out.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                String status = header(in);
                assertTrue(status.startsWith("HTTP/1.1 200"), status + "\n" + serve.tail());
                assertTrue(status.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked"), status);
                long[] counts = countLines(in); // lines, error lines, answer bytes
                sent.get(60, TimeUnit.SECONDS);
                assertEquals(CASES, counts[0], "an answer line per case\n" + serve.tail());
                assertEquals(0, counts[1], "no error line");
                assertTrue(counts[2] > 128L << 20, "the answer is larger than the heap: " + counts[2]);
            }
            assertTrue(serve.process.isAlive(), serve.tail());
        }
    }

    /** The status line and headers, up to the empty line. */
    private static String header(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes the chunked answer as it comes, counting its lines, the lines that are error objects
     * (they start with the batch's {@code "line"} number) and its bytes.
     */
    private static long[] countLines(InputStream in) throws IOException {
        long lines = 0;
        long errors = 0;
        long bytes = 0;
        boolean lineStart = true;
        String marker = "{\"line\"";
        int matched = 0; // how much of the marker the current line began with
        while (true) {
            String size = readCrlfLine(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) break;
            for (int i = 0; i < n; i++) {
                int b = in.read();
                if (b < 0) throw new IOException("the answer ended inside a chunk");
                bytes++;
                if (b == '\n') {
                    lines++;
                    lineStart = true;
                    matched = 0;
                    continue;
                }
                if (lineStart) {
                    if (b == marker.charAt(matched)) {
                        if (++matched == marker.length()) {
                            errors++;
                            lineStart = false;
                        }
                    } else {
                        lineStart = false;
                    }
                }
            }
            readCrlfLine(in);
        }
        return new long[] {lines, errors, bytes};
    }

    private static String readCrlfLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.append((char) c);
        return b.toString();
    }
}
