package io.creditgate.gateway.usage;

import java.time.Instant;
import java.util.UUID;

import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;

/** A UsageRecorded of one ordinary call, with its own event and request ids: what the spool and journal tests store. */
final class SampleUsage {

    private SampleUsage() {
    }

    static UsageRecorded event() {
        return UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.parse("2026-11-25T10:00:00Z"))
                .setUserId("user-1")
                .setModel("gpt-4o-mini")
                .setEndpoint("chat.completions")
                .setPromptTokens(10)
                .setCachedPromptTokens(0)
                .setCompletionTokens(20)
                .setReasoningTokens(0)
                .setCostCredits(14)
                .setUsageSource(UsageSource.EXACT)
                .setStream(false)
                .setOutcome(CallOutcome.COMPLETED)
                .setRequestId(UUID.randomUUID().toString())
                .setLatencyMs(5)
                .build();
    }
}
