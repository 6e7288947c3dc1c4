package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * A client's keep-alive connection keeps being read: a request that arrives while the one before it is still being
 * answered (here: pipelined behind a key lookup that goes to PostgreSQL) is answered, and so is the next one.
 * reactor-netty 1.3.6 (Boot 4.0.7's) stopped reading the connection after that (reactor-netty #4361): the third
 * request waited until the client gave up, which is how the key API tests hung for 30 s now and then (decision 36).
 */
class KeepAliveTest extends KeysTestBase {

    @Test
    void theRequestAfterOneQueuedBehindASlowerOneIsAnsweredOnTheSameConnection() throws IOException {
        String slow = "GET /api/keys?userId=" + newUser() + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                + ADMIN_KEY + "\r\n\r\n";
        String fast = "GET /api/keys HTTP/1.1\r\nHost: gateway\r\n\r\n"; // refused at once: no credentials
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write((slow + fast).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(in)).contains(" 200 ");
            assertThat(statusLine(in)).contains(" 401 ");

            out.write(fast.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(in)).as("the third request on the connection").contains(" 401 ");
        }
    }

    /** Reads one HTTP/1.1 response (status line, headers, a Content-Length body) and returns its status line. */
    private static String statusLine(InputStream in) throws IOException {
        String status = line(in);
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring("content-length:".length()).trim());
            }
        }
        assertThat(in.readNBytes((int) length)).hasSize((int) length);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after '" + line + "'");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
