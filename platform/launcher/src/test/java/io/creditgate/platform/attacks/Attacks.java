package io.creditgate.platform.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.creditgate.console.Browser;
import io.creditgate.platform.RunningPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every attack of the suite needs: sending (through Java's client, or byte for byte on a raw socket when the
 * attack is what a well-behaved client refuses to send), the check that a refusal is a clear JSON error, and the
 * checks that nothing was recorded (a user's ledger account and statement, the services' logs).
 */
final class Attacks {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Attacks() {
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    static HttpResponse<String> postJson(String url, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    /** A LibreChat-style chat call with the given bearer credential and user header (either may be null). */
    static HttpResponse<String> chat(String bearer, String userHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Olá!\"}]}"));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (userHeader != null) {
            request.header("X-User-Id", userHeader);
        }
        return send(request);
    }

    /**
     * Asserts the answer is the refusal a client can act on: the status, a JSON content type and a body
     * {@code {"error":{"message":…,"code":…}}} (the services' shape; the gateway's OpenAI shape has the same two
     * fields) — never an HTML page, an empty body or a stack trace.
     *
     * @return the {@code error} object
     */
    static JsonNode assertClearError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " answered " + response.body()).isEqualTo(status);
        return assertClearErrorBody(response.uri() + "", response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    static JsonNode assertClearErrorBody(String what, String contentType, String body) {
        assertThat(contentType).as(what + ": content type").containsIgnoringCase("json");
        assertThat(body).as(what).doesNotContainIgnoringCase("<html").doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode error = JSON.readTree(body).path("error");
        assertThat(error.isObject()).as(what + ": an error object in " + body).isTrue();
        assertThat(error.path("message").asString()).as(what + ": a message").isNotBlank();
        assertThat(error.path("code").asString()).as(what + ": a code").isNotBlank();
        return error;
    }

    /** A user's ledger account as the bootstrap admin reads it: its status code and body (404 = never opened). */
    static String ledgerRecordOf(String user) {
        HttpResponse<String> account = get(RunningPlatform.ledgerUrl() + "/api/accounts/" + user, RunningPlatform.ADMIN_KEY);
        if (account.statusCode() == 404) {
            return "no account";
        }
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        HttpResponse<String> statement = get(RunningPlatform.ledgerUrl() + "/api/accounts/" + user + "/transactions?size=500",
                RunningPlatform.ADMIN_KEY);
        assertThat(statement.statusCode()).as(statement.body()).isEqualTo(200);
        return "balance " + JSON.readTree(account.body()).path("balanceCredits").asLong() + ", statement " + statement.body();
    }

    /** A console API token (Bearer {@code cgt_…}, relayed by the console) for a person with the given roles and accounts. */
    static String apiToken(Browser admin, String roles, String accounts) {
        JsonNode created = admin.postJson("/api/api-tokens", "{\"name\":\"attack suite " + System.nanoTime() + "\",\"roles\":"
                + roles + ",\"accounts\":" + accounts + ",\"expiresInDays\":1}").expectStatus(201).json();
        return created.path("token").asString();
    }

    /** Every line the services have written so far, across their five logs. */
    static List<String> serviceLogLines() {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(RunningPlatform.logsDirectory())) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The answer of a raw HTTP/1.1 exchange. */
    record RawResponse(int status, String head, String body, boolean closed) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    /**
     * Writes the bytes to the service as they are and reads the answer until the server closes the connection or
     * {@code readTimeout} passes ({@code status} 0 if nothing came). {@code from} is the local address to connect
     * from (the loopback network is 127.0.0.0/8, so 127.0.0.2 is another client on the same machine), or null.
     */
    static RawResponse raw(String baseUrl, String from, byte[] request, Duration readTimeout) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return readAnswer(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawResponse readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closed;
        try {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, read);
                if (complete(bytes.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
            closed = read < 0;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (java.net.SocketException e) {
            // A reset: the server dropped the connection.
            closed = true;
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunked(body);
        }
        int status = head.startsWith("HTTP/1.") && head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
        return new RawResponse(status, head, body, closed);
    }

    /** The body of a chunked answer (HTTP/1.1 chunked transfer coding), as far as it arrived. */
    static String dechunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; the answers here are ASCII JSON, so bytes and characters agree.
            int from = lineEnd + 2;
            body.append(chunked, from, Math.min(from + size, chunked.length()));
            at = from + size + 2;
        }
        return body.toString();
    }

    /** A whole answer has arrived: its Content-Length is read, or its last chunk (unsized ones are read to the close). */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        if (text.substring(0, end).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            return text.endsWith("\r\n0\r\n\r\n");
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring("content-length:".length()).trim());
                return text.getBytes(StandardCharsets.UTF_8).length - end - 4 >= length;
            }
        }
        return false;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
