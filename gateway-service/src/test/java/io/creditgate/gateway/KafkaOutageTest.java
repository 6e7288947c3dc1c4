package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalRedis;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import tools.jackson.databind.JsonNode;

/**
 * Kafka down: calls are served, their UsageRecorded events go to the spool file, and when the broker is back
 * (same port, same log) they reach the topic in order, each exactly once. The gateway also starts with a spool
 * an earlier run left, whose last record was torn by a crash: the whole records are drained, the torn one skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaOutageTest extends OutageTestSupport {

    static final LocalKafka KAFKA = LocalKafka.start();
    static final DemoUpstream DEMO = DemoUpstream.start();
    static final UsageEventsProbe EVENTS = new UsageEventsProbe(KAFKA.bootstrapServers());
    static final Path SPOOL = Path.of(temporaryDirectory("kafka-outage-spool"));
    /** The user of the events an earlier run left in the spool. */
    static final String EARLIER_USER = newUser();
    static final List<UsageRecorded> EARLIER_EVENTS = List.of(earlierEvent(), earlierEvent());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        writeSpoolWithTornLastRecord(SPOOL.resolve("usage-events.spool"), EARLIER_EVENTS);
        gatewayProperties(registry, DEMO.baseUrl(), LocalRedis.shared().url(), KAFKA.bootstrapServers(),
                SPOOL.toString());
        // A broker that is down is given up on quickly, so the test does not wait long for the spool.
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> "700");
        registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> "1500");
        registry.add("spring.kafka.producer.properties.reconnect.backoff.max.ms", () -> "200");
        registry.add("creditgate.spool.retry-interval", () -> "200ms");
    }

    @AfterAll
    static void stopServers() {
        EVENTS.close();
        DEMO.close();
        KAFKA.close();
    }

    @Test
    @Order(1)
    void drainsWhatAnEarlierRunSpooledAndSkipsItsTornLastRecord() throws IOException {
        List<UsageRecorded> drained = awaitEvents(EVENTS, EARLIER_USER, 2);

        assertThat(drained).extracting(UsageRecorded::getEventId)
                .containsExactly(EARLIER_EVENTS.get(0).getEventId(), EARLIER_EVENTS.get(1).getEventId());
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(SPOOL.resolve("usage-events.spool")));
        try (var files = Files.list(SPOOL)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("usage-events.spool.torn-"));
        }
    }

    @Test
    @Order(2)
    void spoolsUsageWhileKafkaIsDownAndDrainsItInOrderExactlyOnceWhenItReturns() {
        String user = newUser();
        double spooledBefore = counter("creditgate.usage.spooled");
        KAFKA.stop();
        List<String> requestIds = new ArrayList<>();
        try {
            long started = System.nanoTime();
            HttpResponse<String> first = post(user, chatBody("First while Kafka is down"));
            assertThat(first.statusCode()).isEqualTo(200);
            // The client is not held up by the broker: publishing runs after the answer, off the event loop.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            requestIds.add(first.headers().firstValue("X-Request-Id").orElseThrow());
            // The first event waits for Kafka until delivery.timeout.ms, then goes to the spool; the next ones
            // go straight behind it.
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge("creditgate.spool.depth") >= 1);
            for (String text : List.of("Second", "Third")) {
                HttpResponse<String> response = post(user, chatBody(text + " while Kafka is down"));
                assertThat(response.statusCode()).isEqualTo(200);
                requestIds.add(response.headers().firstValue("X-Request-Id").orElseThrow());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge("creditgate.spool.depth") == 3);
            assertThat(counter("creditgate.usage.spooled")).isEqualTo(spooledBefore + 3);
            assertThat(SPOOL.resolve("usage-events.spool")).isNotEmptyFile();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                HttpResponse<String> readiness = getAsAdmin("/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(200);
                JsonNode controlPlane = json(readiness.body()).at("/components/controlPlane");
                assertThat(controlPlane.at("/details/kafka").asString()).isEqualTo("DOWN");
                assertThat(controlPlane.at("/details/spooledEvents").asInt()).isEqualTo(3);
            });
        } finally {
            KAFKA.restart();
        }

        List<UsageRecorded> events = awaitEvents(EVENTS, user, 3);

        assertThat(events).extracting(UsageRecorded::getRequestId).containsExactlyElementsOf(requestIds);
        assertThat(events).extracting(UsageRecorded::getEventId).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getOutcome()).isEqualTo(CallOutcome.COMPLETED);
            assertThat(event.getCostCredits()).isPositive();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("creditgate.spool.depth") == 0);
        assertThat(SPOOL.resolve("usage-events.spool")).doesNotExist();
    }

    private static UsageRecorded earlierEvent() {
        return UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.parse("2026-11-25T09:00:00Z"))
                .setUserId(EARLIER_USER)
                .setModel("gpt-4o-mini")
                .setEndpoint("chat.completions")
                .setPromptTokens(12)
                .setCachedPromptTokens(0)
                .setCompletionTokens(30)
                .setReasoningTokens(0)
                .setCostCredits(21)
                .setUsageSource(UsageSource.EXACT)
                .setStream(false)
                .setOutcome(CallOutcome.COMPLETED)
                .setRequestId(UUID.randomUUID().toString())
                .setLatencyMs(120)
                .build();
    }

    /**
     * Writes the spool file as docs/gateway.md specifies it ("CGSPOOL1", then length, CRC-32C and the Avro
     * single-object bytes of each event), followed by a record a crash cut short.
     */
    static void writeSpoolWithTornLastRecord(Path file, List<UsageRecorded> events) {
        try {
            ByteBuffer spool = ByteBuffer.allocate(64 * 1024).put("CGSPOOL1".getBytes(StandardCharsets.US_ASCII));
            for (UsageRecorded event : events) {
                byte[] bytes = Topics.USAGE_EVENTS.codec().encode(event);
                CRC32C crc = new CRC32C();
                crc.update(bytes);
                spool.putInt(bytes.length).putInt((int) crc.getValue()).put(bytes);
            }
            byte[] torn = Topics.USAGE_EVENTS.codec().encode(earlierEvent());
            spool.putInt(torn.length).putInt(0).put(torn, 0, torn.length / 3);
            Files.write(file, java.util.Arrays.copyOf(spool.array(), spool.position()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
