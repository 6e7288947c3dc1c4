package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;

/** An upstream that breaks after the call was sent: the client gets a clear error, the call is charged once. */
class UpstreamFailureTest extends GatewayTestBase {

    @BeforeEach
    void resetUpstream() {
        DEMO.reset();
        UPSTREAM.reset();
    }

    @Test
    void upstreamDroppingTheCallBeforeAnsweringGivesA502AndAnEstimatedEvent() {
        String user = newUser();
        UPSTREAM.dropNextAnswerAfter(0);

        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "Are you there?"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response.body()).at("/error/code").asString()).isEqualTo("upstream_unavailable");
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.UPSTREAM_ERROR);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertThat(event.getCompletionTokens()).isZero();
        assertThat(event.getPromptTokens()).isPositive();
        assertThat(pending(user)).containsEntry(event.getEventId(), Long.toString(event.getCostCredits()));
    }

    @Test
    void upstreamBreakingMidStreamEndsTheStreamWithAnErrorEventAndChargesWhatWasGenerated() {
        String user = newUser();
        UPSTREAM.dropNextAnswerAfter(2_000);

        HttpResponse<String> response = post(user,
                chatBody("gpt-4o-mini", "Keep talking").replaceFirst("\\{", "{\"stream\":true,"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events.size()).isGreaterThan(3);
        String last = events.get(events.size() - 1);
        assertThat(last).startsWith("data: {\"error\":");
        assertThat(json(last.substring("data: ".length())).at("/error/code").asString()).isEqualTo("upstream_unavailable");
        assertThat(response.body()).doesNotContain("[DONE]");
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.UPSTREAM_ERROR);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertThat(event.getCompletionTokens()).isPositive();
        assertThat(event.getCostCredits())
                .isEqualTo(expectedCost("gpt-4o-mini", event.getPromptTokens(), 0, event.getCompletionTokens()));
    }
}
