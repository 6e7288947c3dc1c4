package io.creditgate.alert.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.creditgate.alert.AlertServiceTestBase;
import io.creditgate.schemas.Topics;
import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

/**
 * The running service reports the lag of both kinds of its consumers under the one name the alert rule
 * CreditgateConsumerLag reads: the detection's Kafka Streams consumers and the delivery listeners' consumers.
 */
class ConsumerLagExportTest extends AlertServiceTestBase {

    private static final String LAG = "kafka.consumer.fetch.manager.records.lag.max";

    @Test
    void theStreamsAndTheListenersReportTheirLagPerTopic() {
        String user = newUserId();
        // A usage event, read by the detection topology and by the listeners that learn emails and unpriced models.
        publish(Topics.USAGE_EVENTS, user, usage(user, emailOf(user), 1_000));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Meter.Id> lag = meters.find(LAG).meters().stream().map(Meter::getId)
                    .filter(id -> Topics.USAGE_EVENTS.name().equals(id.getTag("topic"))).toList();
            assertThat(lag).as("the stream thread's consumer")
                    .anySatisfy(id -> assertThat(id.getTag("client.id")).contains("StreamThread"));
            assertThat(lag).as("a listener's consumer")
                    .anySatisfy(id -> assertThat(id.getTag("client.id")).doesNotContain("StreamThread"));
        });
    }
}
