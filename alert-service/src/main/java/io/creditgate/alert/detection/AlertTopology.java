package io.creditgate.alert.detection;

import java.time.Duration;

import io.creditgate.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The detection topology: account changes to threshold alerts, usage to spend windows and unusual-spend
 * alerts. Pure: it depends on its config only, so {@code TopologyTestDriver} runs exactly what production runs.
 *
 * <pre>
 * creditgate.account-events ─▶ threshold-detector [threshold-state] ─┐
 *                                                                      ├─▶ creditgate.alert-events
 * creditgate.usage-events ──▶ spend-tracker [usage-dedupe, spend-*] ──┤
 *                                                                      └─▶ creditgate.spend-windows
 * </pre>
 *
 * <p>Stores are built without a record cache: every state change is written through, and alerts are forwarded
 * by the processors themselves, so no cache merges two updates and swallows a crossing.
 */
public final class AlertTopology {

    static final String ACCOUNT_SOURCE = "account-events";
    static final String USAGE_SOURCE = "usage-events";
    static final String THRESHOLDS = "threshold-detector";
    static final String SPEND = "spend-tracker";
    static final String ALERT_SINK = "alert-events";
    static final String SPEND_SINK = "spend-windows";

    public static Topology buildTopology(AlertConfig config) {
        Topology topology = new Topology();
        EventTimeExtractor eventTime = new EventTimeExtractor();
        // A new alert service folds the whole history so that it knows which thresholds already fired;
        // delivery skips alerts too old to be news (see DeliveryProperties.maxAlertAge).
        topology.addSource(AutoOffsetReset.earliest(), ACCOUNT_SOURCE, eventTime, Topics.ACCOUNT_EVENTS.keys().deserializer(),
                Topics.ACCOUNT_EVENTS.values().deserializer(), Topics.ACCOUNT_EVENTS.name());
        topology.addSource(AutoOffsetReset.earliest(), USAGE_SOURCE, eventTime, Topics.USAGE_EVENTS.keys().deserializer(),
                Topics.USAGE_EVENTS.values().deserializer(), Topics.USAGE_EVENTS.name());

        ThresholdEvaluator evaluator = new ThresholdEvaluator(config.thresholds());
        topology.addProcessor(THRESHOLDS, () -> new ThresholdDetector(evaluator), ACCOUNT_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ThresholdDetector.STORE),
                Serdes.String(), ThresholdState.serde()).withCachingDisabled(), THRESHOLDS);

        topology.addProcessor(SPEND, () -> new SpendTracker(config), USAGE_SOURCE);
        addSpendStores(topology, config);

        topology.addSink(ALERT_SINK, Topics.ALERT_EVENTS.name(), Topics.ALERT_EVENTS.keys().serializer(),
                Topics.ALERT_EVENTS.values().serializer(), THRESHOLDS, SPEND);
        topology.addSink(SPEND_SINK, Topics.SPEND_WINDOWS.name(), Topics.SPEND_WINDOWS.keys().serializer(),
                Topics.SPEND_WINDOWS.values().serializer(), SPEND);
        return topology;
    }

    private static void addSpendStores(Topology topology, AlertConfig config) {
        AlertConfig.UnusualSpendRule rule = config.unusualSpend();
        Duration hourlyRetention = Duration.ofHours(Math.max(48, rule.lookbackHours() + 3L));
        Duration minuteRetention = rule.window().plusMinutes(5);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SpendTracker.DEDUPE_STORE, config.dedupeRetention(), Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long()).withCachingDisabled(), SPEND);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SpendTracker.HOURLY_STORE, hourlyRetention, Duration.ofHours(1), false),
                Serdes.String(), SpendTotals.serde()).withCachingDisabled(), SPEND);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SpendTracker.DAILY_STORE, config.dailyWindowRetention(), Duration.ofHours(25), false),
                Serdes.String(), SpendTotals.serde()).withCachingDisabled(), SPEND);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SpendTracker.MINUTE_STORE, minuteRetention, Duration.ofMinutes(1), false),
                Serdes.String(), Serdes.Long()).withCachingDisabled(), SPEND);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SpendTracker.UNUSUAL_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled(), SPEND);
    }

    private AlertTopology() {
    }
}
