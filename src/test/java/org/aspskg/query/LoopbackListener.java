package org.aspskg.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on a free loopback port that counts the connections it receives and answers each
 * with an empty SPARQL result, so a SERVICE call that does reach it completes. It stops with
 * {@link #close()}.
 */
public final class LoopbackListener implements AutoCloseable {
    private static final String EMPTY_ANSWER = "{\"head\":{\"vars\":[]},\"results\":{\"bindings\":[]}}";
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    public LoopbackListener() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(200);
        acceptor = new Thread(this::accept, "loopback-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** e.g. {@code http://127.0.0.1:PORT/sparql} */
    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections.incrementAndGet();
                s.setSoTimeout(2000);
                readHeaders(s.getInputStream());
                byte[] body = EMPTY_ANSWER.getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
                                + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (SocketTimeoutException e) {
                // check whether we are closed, then wait again
            } catch (IOException e) {
                if (socket.isClosed()) return;
            }
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
