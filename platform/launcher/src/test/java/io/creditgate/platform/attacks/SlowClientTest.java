package io.creditgate.platform.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.UUID;

import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, slow clients (slowloris) on the gateway, the port that faces LibreChat and the internet: a client that
 * trickles its headers, or stops in the middle of them, or sends a body slowly, loses its connection after the
 * configured time (the test platform sets 2 s for headers, 2 s of silence in a body, 4 s for a whole body:
 * {@code CREDITGATE_CLIENT_*_TIMEOUT} in this module's pom), and a cut call is never charged or forwarded.
 */
@OnTestPlatform
class SlowClientTest {

    /** Longer than every configured timeout, far shorter than the production defaults. */
    private static final int GIVE_UP_MILLIS = 8_000;

    @Test
    void aClientTricklingItsHeadersIsCutOff() throws Exception {
        String user = "slow-headers-" + UUID.randomUUID();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(Attacks.ascii("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nX-User-Id: " + user + "\r\n"));
            // One byte every 500 ms: never silent for long, so only a deadline on the whole head stops it.
            boolean cut = false;
            for (char c : "X-Trickle: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".toCharArray()) {
                try {
                    out.write(c);
                    out.flush();
                } catch (IOException closed) {
                    cut = true;
                    break;
                }
                if (socket.getInputStream().available() > 0) {
                    break;
                }
                Thread.sleep(500);
                if (millisSince(started) > GIVE_UP_MILLIS) {
                    break;
                }
            }
            Attacks.RawResponse answer = Attacks.readAnswer(socket.getInputStream());
            assertThat(cut || answer.closed() || closedAfter(socket)).as("the connection was closed; got " + answer.head()).isTrue();
            assertThat(millisSince(started)).isLessThan(GIVE_UP_MILLIS);
            if (answer.status() != 0) {
                assertThat(answer.status()).isEqualTo(408);
                Attacks.assertClearErrorBody("slow headers", answer.header("Content-Type"), answer.body());
            }
        }
        assertThat(Attacks.ledgerRecordOf(user)).isEqualTo("no account");
    }

    @Test
    void aClientThatStopsInTheMiddleOfItsHeadersIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(Attacks.ascii("GET /v1/models HTTP/1.1\r\nHost: gateway\r\nAuthoriz"));
            Attacks.RawResponse answer = Attacks.readAnswer(socket.getInputStream());
            assertThat(answer.closed() || closedAfter(socket)).as("closed by the gateway").isTrue();
            assertThat(millisSince(started)).isBetween(1_000L, (long) GIVE_UP_MILLIS);
            assertThat(answer.status()).isEqualTo(408);
            Attacks.assertClearErrorBody("stalled headers", answer.header("Content-Type"), answer.body());
        }
    }

    @Test
    void aClientSendingItsBodySlowlyIsCutOffAndNotCharged() throws Exception {
        String user = "slow-body-" + UUID.randomUUID();
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(200) + "\"}]}";
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(Attacks.ascii("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                    + RunningPlatform.SERVICE_KEY + "\r\nX-User-Id: " + user + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n"));
            out.flush();
            // Ten bytes a second, each gap under the read timeout: only the whole-body deadline stops it.
            boolean cut = false;
            InputStream in = socket.getInputStream();
            for (int i = 0; i < body.length() - 1 && millisSince(started) < GIVE_UP_MILLIS && in.available() == 0; i += 10) {
                try {
                    out.write(Attacks.ascii(body.substring(i, Math.min(i + 10, body.length() - 1))));
                    out.flush();
                } catch (IOException closed) {
                    cut = true;
                    break;
                }
                Thread.sleep(1_000);
            }
            Attacks.RawResponse answer = Attacks.readAnswer(in);
            assertThat(millisSince(started)).isLessThan(GIVE_UP_MILLIS + 2_000L);
            assertThat(cut || answer.closed() || answer.status() >= 400).as("cut off; got " + answer.head()).isTrue();
            assertThat(answer.status()).as(answer.head()).isNotEqualTo(200);
        }
        assertThat(Attacks.ledgerRecordOf(user)).isEqualTo("no account");
    }

    @Test
    void aClientThatStopsInTheMiddleOfItsBodyIsCutOff() throws Exception {
        String user = "stalled-body-" + UUID.randomUUID();
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write(Attacks.ascii("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\n"
                    + "Authorization: Bearer " + RunningPlatform.SERVICE_KEY + "\r\nX-User-Id: " + user + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":"));
            Attacks.RawResponse answer = Attacks.readAnswer(socket.getInputStream());
            assertThat(answer.closed() || answer.status() >= 400).as("cut off; got " + answer.head()).isTrue();
            assertThat(millisSince(started)).isLessThan(GIVE_UP_MILLIS);
            assertThat(answer.status()).isNotEqualTo(200);
        }
        assertThat(Attacks.ledgerRecordOf(user)).isEqualTo("no account");
    }

    /** Whether the gateway closed the connection after its answer (the next read meets the end of the stream). */
    private static boolean closedAfter(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    /** A connection to the gateway that waits at most {@link #GIVE_UP_MILLIS} for anything to read. */
    private static Socket connect() throws IOException {
        URI gateway = URI.create(RunningPlatform.gatewayUrl());
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 5_000);
        socket.setSoTimeout(GIVE_UP_MILLIS);
        return socket;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
