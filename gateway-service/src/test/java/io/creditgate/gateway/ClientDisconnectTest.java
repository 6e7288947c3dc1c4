package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;

/** A client that leaves mid-stream is still charged, once, for what was generated until then. */
class ClientDisconnectTest extends GatewayTestBase {

    private static final String PROMPT = "Tell me everything";

    @Test
    void clientLeavingMidStreamIsChargedOnceWithAnEstimate() throws Exception {
        // The same prompt run to its end first: the upstream's exact counts to compare with, and a warm
        // gateway and upstream, so that the stream below is still running when the client leaves.
        UsageRecorded whole = wholeAnswer();
        String user = newUser();
        String body = chatBody("gpt-4o-mini", PROMPT).replaceFirst("\\{", "{\"stream\":true,");

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) CALL_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + SERVICE_KEY + "\r\nX-User-Id: " + user + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            int words = 0;
            for (String line; words < 2 && (line = in.readLine()) != null; ) {
                if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    words++;
                }
            }
            assertThat(words).isEqualTo(2);
        } // the client leaves here, with most of the answer still to come

        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.CLIENT_CANCELLED);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertThat(event.getStream()).isTrue();
        assertThat(event.getPromptTokens()).isEqualTo(whole.getPromptTokens());
        assertThat(event.getCompletionTokens()).isBetween(2L, whole.getCompletionTokens() / 2);
        assertThat(event.getCostCredits())
                .isEqualTo(expectedCost("gpt-4o-mini", event.getPromptTokens(), 0, event.getCompletionTokens()));
        assertThat(pending(user)).containsEntry(event.getEventId(), Long.toString(event.getCostCredits()));
    }

    private UsageRecorded wholeAnswer() {
        String user = newUser();
        post(user, chatBody("gpt-4o-mini", PROMPT));
        return awaitEvents(user, 1).get(0);
    }
}
