package io.creditgate.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A pass-through between the gateway and the demo upstream that keeps a copy of every answer's bytes, so
 * tests can compare what the client received with what the upstream really sent (ids included). It
 * relays each read at once, so streams stay streams.
 */
final class RecordingUpstream implements AutoCloseable {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final java.util.Set<String> RESTRICTED_HEADERS =
            java.util.Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

    private final String target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "recording-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<byte[]> answers = new CopyOnWriteArrayList<>();
    private volatile long dropNextAfterBytes = -1;

    RecordingUpstream(String target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::relay);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The complete answers relayed so far, oldest first. */
    List<byte[]> answers() {
        return List.copyOf(answers);
    }

    void reset() {
        answers.clear();
        dropNextAfterBytes = -1;
    }

    /**
     * Plays a broken upstream once: the next answer's connection is dropped after {@code bytes} bytes of its
     * body (0: before the answer begins), without ending the body properly.
     */
    void dropNextAnswerAfter(long bytes) {
        dropNextAfterBytes = bytes;
    }

    /**
     * Relays one request. The exchange is closed only on the normal path: closing it would end the body
     * properly, while an exception escaping the handler makes the JDK server drop the connection as is.
     */
    private void relay(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        long dropAfter = dropNextAfterBytes;
        dropNextAfterBytes = -1;
        if (dropAfter == 0) {
            throw new IOException("dropping the connection before the answer, as asked");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().firstValue("Content-Type")
                .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        exchange.sendResponseHeaders(response.statusCode(), 0);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        OutputStream out = exchange.getResponseBody();
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                copy.write(buffer, 0, read);
                out.write(buffer, 0, read);
                out.flush();
                if (dropAfter > 0 && copy.size() >= dropAfter) {
                    throw new IOException("dropping the connection mid-answer, as asked");
                }
            }
        }
        exchange.close();
        answers.add(copy.toByteArray());
    }


    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
