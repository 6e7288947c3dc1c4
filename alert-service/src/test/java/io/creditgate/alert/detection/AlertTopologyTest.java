package io.creditgate.alert.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountOpened;
import io.creditgate.schemas.event.AccountStatus;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.SpendWindowUpdated;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import io.creditgate.schemas.event.UnusualSpend;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection topology on {@link TopologyTestDriver}, every input with an explicit event time. */
class AlertTopologyTest {

    private static final String USER = "user-1";
    private static final Instant CYCLE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NEXT_CYCLE = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T0 = Instant.parse("2026-11-11T00:00:00Z");
    private static final long CREDITS = 1_000_000;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> accounts;
    private TestInputTopic<String, SpecificRecord> usage;
    private TestOutputTopic<String, SpecificRecord> alerts;
    private TestOutputTopic<String, SpecificRecord> windows;

    private void start(AlertConfig config) {
        start(config, new Properties());
    }

    private void start(AlertConfig config, Properties extra) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putAll(extra);
        driver = new TopologyTestDriver(AlertTopology.buildTopology(config), props);
        accounts = driver.createInputTopic(Topics.ACCOUNT_EVENTS.name(), Topics.ACCOUNT_EVENTS.keys().serializer(),
                Topics.ACCOUNT_EVENTS.values().serializer());
        usage = driver.createInputTopic(Topics.USAGE_EVENTS.name(), Topics.USAGE_EVENTS.keys().serializer(),
                Topics.USAGE_EVENTS.values().serializer());
        alerts = driver.createOutputTopic(Topics.ALERT_EVENTS.name(), Topics.ALERT_EVENTS.keys().deserializer(),
                Topics.ALERT_EVENTS.values().deserializer());
        windows = driver.createOutputTopic(Topics.SPEND_WINDOWS.name(), Topics.SPEND_WINDOWS.keys().deserializer(),
                Topics.SPEND_WINDOWS.values().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    // --- thresholds ---

    @Test
    void crossesExactlyAtTheThresholdAndNotOneCreditBefore() {
        start(AlertConfig.defaults());
        change(1, T0, 499_999, CREDITS);
        assertThat(alerts.readValuesToList()).isEmpty();

        change(2, T0.plusSeconds(60), 500_000, CREDITS);
        List<SpecificRecord> out = alerts.readValuesToList();
        assertThat(out).singleElement().isInstanceOfSatisfying(ThresholdCrossed.class, crossed -> {
            assertThat(crossed.getThresholdKind()).isEqualTo("UTILISATION");
            assertThat(crossed.getThresholdValue()).isEqualTo(5_000);
            assertThat(crossed.getUtilisationBasisPoints()).isEqualTo(5_000);
            assertThat(crossed.getBalanceCredits()).isEqualTo(500_000);
            assertThat(crossed.getCycleStartedAt()).isEqualTo(CYCLE);
            assertThat(crossed.getMostSevere()).isTrue();
        });
    }

    @Test
    void firesOncePerCycleWhileUtilisationStaysAbove() {
        start(AlertConfig.defaults());
        change(1, T0, 810_000, CREDITS);
        change(2, T0.plusSeconds(10), 820_000, CREDITS);
        change(3, T0.plusSeconds(20), 830_000, CREDITS);
        assertThat(crossings()).extracting(ThresholdCrossed::getThresholdValue).containsExactly(5_000L, 8_000L);
    }

    @Test
    void twoThresholdsInOneEventFireBothAndOnlyTheHigherIsMostSevere() {
        start(AlertConfig.defaults());
        change(1, T0, 400_000, CREDITS);
        change(2, T0.plusSeconds(60), 850_000, CREDITS);
        List<ThresholdCrossed> crossed = crossings();
        assertThat(crossed).extracting(ThresholdCrossed::getThresholdValue).containsExactly(5_000L, 8_000L);
        assertThat(crossed).extracting(ThresholdCrossed::getMostSevere).containsExactly(false, true);
        assertThat(crossed).extracting(ThresholdCrossed::getCauseEventId).containsOnly(eventId(2));
    }

    @Test
    void aTopUpBetweenEventsResolvesAndReArmsTheThreshold() {
        start(AlertConfig.defaults());
        change(1, T0, 850_000, CREDITS);
        assertThat(crossings()).hasSize(2);

        // A grant of 1,000,000 doubles the cycle's credits: 850,000 of 2,000,000 is 42.5 %.
        change(2, T0.plusSeconds(60), 850_000, 2 * CREDITS, "GRANT");
        List<SpecificRecord> resolved = alerts.readValuesToList();
        assertThat(resolved).hasSize(2).allSatisfy(event -> assertThat(event).isInstanceOf(ThresholdResolved.class));
        assertThat(resolved).extracting(event -> ((ThresholdResolved) event).getThresholdValue()).containsExactly(5_000L, 8_000L);
        assertThat(resolved).extracting(event -> ((ThresholdResolved) event).getReason()).containsOnly("CREDITS_ADDED");
        assertThat(resolved).extracting(event -> ((ThresholdResolved) event).getMostSevere()).containsExactly(false, true);

        change(3, T0.plusSeconds(120), 1_700_000, 2 * CREDITS);
        assertThat(crossings()).extracting(ThresholdCrossed::getThresholdValue).containsExactly(5_000L, 8_000L);
    }

    @Test
    void aNewCycleResolvesTheOldAlertsAndFiresAfresh() {
        start(AlertConfig.defaults());
        change(1, T0, 850_000, CREDITS);
        assertThat(crossings()).hasSize(2);

        accounts.pipeInput(USER, balance(2, NEXT_CYCLE.plusSeconds(5), NEXT_CYCLE, 0, CREDITS, "RENEWAL"), NEXT_CYCLE.plusSeconds(5));
        List<SpecificRecord> renewal = alerts.readValuesToList();
        assertThat(renewal).hasSize(2).allSatisfy(event -> {
            assertThat(event).isInstanceOf(ThresholdResolved.class);
            assertThat(((ThresholdResolved) event).getReason()).isEqualTo("NEW_CYCLE");
            assertThat(((ThresholdResolved) event).getCycleStartedAt()).isEqualTo(NEXT_CYCLE);
        });

        accounts.pipeInput(USER, balance(3, NEXT_CYCLE.plusSeconds(60), NEXT_CYCLE, 800_000, CREDITS, "USAGE"), NEXT_CYCLE.plusSeconds(60));
        List<ThresholdCrossed> crossed = crossings();
        assertThat(crossed).extracting(ThresholdCrossed::getThresholdValue).containsExactly(5_000L, 8_000L);
        assertThat(crossed).extracting(ThresholdCrossed::getCycleStartedAt).containsOnly(NEXT_CYCLE);
    }

    @Test
    void anOutOfOrderOlderChangeNeitherResolvesNorFires() {
        start(AlertConfig.defaults());
        change(1, T0, 300_000, CREDITS);
        change(3, T0.plusSeconds(120), 850_000, CREDITS);
        assertThat(crossings()).hasSize(2);

        // Version 2 (60 %) arrives after version 3 with an older event time: stale, the account is already past it.
        change(2, T0.plusSeconds(60), 600_000, CREDITS);
        assertThat(alerts.readValuesToList()).isEmpty();

        change(4, T0.plusSeconds(180), 860_000, CREDITS);
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void aDuplicateChangeFiresNothingTwice() {
        start(AlertConfig.defaults());
        AccountBalanceChanged change = balance(1, T0, CYCLE, 850_000, CREDITS, "USAGE");
        accounts.pipeInput(USER, change, T0);
        accounts.pipeInput(USER, change, T0);
        accounts.pipeInput(USER, change, T0.plusSeconds(5));
        assertThat(crossings()).extracting(ThresholdCrossed::getThresholdValue).containsExactly(5_000L, 8_000L);
    }

    @Test
    void creditsLeftTooFewForAnyCallCountAsUsedUpAndAGrantResolvesIt() {
        start(AlertConfig.defaults().withThresholds(List.of(Threshold.utilisationPercent(80), Threshold.utilisationPercent(100))));
        change(1, T0, CREDITS - Threshold.USED_UP_BELOW_CREDITS, CREDITS);
        assertThat(crossings()).extracting(ThresholdCrossed::getThresholdValue).containsExactly(8_000L);

        // The output cap left 99 credits: calls are refused from here on, so the user is told now.
        change(2, T0.plusSeconds(60), CREDITS - Threshold.USED_UP_BELOW_CREDITS + 1, CREDITS);
        assertThat(crossings()).singleElement().satisfies(crossed -> {
            assertThat(crossed.getThresholdValue()).isEqualTo(10_000);
            assertThat(crossed.getBalanceCredits()).isEqualTo(99);
            assertThat(crossed.getMostSevere()).isTrue();
        });

        // A grant of a second cycle's worth: back to half used, both thresholds resolve.
        change(3, T0.plusSeconds(120), CREDITS - 99, 2 * CREDITS, "GRANT");
        assertThat(alerts.readValuesToList()).hasSize(2).allSatisfy(alert -> assertThat(alert).isInstanceOf(ThresholdResolved.class));
    }

    @Test
    void aUserWithZeroCreditsInTheCycleIsToldOnceThatNothingIsLeft() {
        start(AlertConfig.defaults());
        AccountBalanceChanged empty = AccountBalanceChanged.newBuilder(balance(1, T0, CYCLE, 0, 0, "OPENED"))
                .setBalanceCredits(0).setStatus(AccountStatus.EXHAUSTED).build();
        accounts.pipeInput(USER, empty, T0);
        List<ThresholdCrossed> crossed = crossings();
        assertThat(crossed).extracting(c -> c.getThresholdKind() + ":" + c.getThresholdValue())
                .containsExactly("UTILISATION:5000", "UTILISATION:8000", "LOW_BALANCE:100000", "UTILISATION:10000");
        assertThat(crossed).filteredOn(ThresholdCrossed::getMostSevere).singleElement()
                .satisfies(c -> assertThat(c.getThresholdValue()).isEqualTo(10_000));
        assertThat(crossed).allSatisfy(c -> assertThat(c.getForecastDepletionAt()).isEqualTo(Instant.EPOCH));

        accounts.pipeInput(USER, AccountBalanceChanged.newBuilder(empty).setVersion(2).setEventId(eventId(2)).build(), T0.plusSeconds(1));
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void lowBalanceFiresAtTheConfiguredCreditsAndReArmsAfterATopUp() {
        start(AlertConfig.defaults().withThresholds(List.of(Threshold.lowBalance(100_000))));
        change(1, T0, 899_999, CREDITS);
        assertThat(alerts.readValuesToList()).isEmpty();
        change(2, T0.plusSeconds(1), 900_000, CREDITS);
        assertThat(crossings()).singleElement().satisfies(c -> {
            assertThat(c.getThresholdKind()).isEqualTo("LOW_BALANCE");
            assertThat(c.getBalanceCredits()).isEqualTo(100_000);
        });
        change(3, T0.plusSeconds(2), 900_000, 2 * CREDITS, "PURCHASE");
        assertThat(alerts.readValuesToList()).singleElement().isInstanceOf(ThresholdResolved.class);
    }

    @Test
    void theEightyPercentAlertCarriesTheDepletionForecast() {
        start(AlertConfig.defaults().withThresholds(List.of(Threshold.utilisationPercent(80))));
        // Ten days into the cycle, 800,000 spent: 80,000 a day; 200,000 left last two and a half days.
        Instant at = CYCLE.plus(Duration.ofDays(10));
        accounts.pipeInput(USER, balance(1, at, CYCLE, 800_000, CREDITS, "USAGE"), at);
        assertThat(crossings()).singleElement().satisfies(c -> {
            assertThat(c.getForecastCreditsPerDay()).isEqualTo(80_000);
            assertThat(c.getForecastDepletionAt()).isEqualTo(at.plus(Duration.ofHours(60)));
        });
    }

    @Test
    void cachingNeverSwallowsACrossing() {
        Properties cached = new Properties();
        cached.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(64L * 1024 * 1024));
        cached.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()));
        cached.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), Long.toString(Duration.ofHours(2).toMillis()));
        start(AlertConfig.defaults(), cached);
        // Three changes in the same millisecond and commit interval: 50 %, then 80 %, then back to 40 %.
        change(1, T0, 500_000, CREDITS);
        change(2, T0, 800_000, CREDITS);
        change(3, T0, 800_000, 2 * CREDITS, "GRANT");
        List<SpecificRecord> out = alerts.readValuesToList();
        assertThat(out).extracting(event -> event.getClass().getSimpleName() + ":" + event.get(event.getSchema().getField("thresholdValue").pos()))
                .containsExactly("ThresholdCrossed:5000", "ThresholdCrossed:8000", "ThresholdResolved:5000", "ThresholdResolved:8000");
    }

    @Test
    void otherAccountEventsAreIgnoredAndUsersAreIndependent() {
        start(AlertConfig.defaults());
        accounts.pipeInput(USER, AccountOpened.newBuilder().setEventId("opened").setOccurredAt(T0).setUserId(USER)
                .setStartingCredits(CREDITS).build(), T0);
        change(1, T0, 850_000, CREDITS);
        accounts.pipeInput("user-2", AccountBalanceChanged.newBuilder(balance(1, T0, CYCLE, 100_000, CREDITS, "USAGE"))
                .setUserId("user-2").setEventId("other").build(), T0);
        assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key).containsOnly(USER).hasSize(2);
    }

    @Test
    void alertIdsAreTheSameWhenTheSameHistoryIsProcessedAgain() {
        start(AlertConfig.defaults());
        change(1, T0, 850_000, CREDITS);
        List<String> first = crossings().stream().map(ThresholdCrossed::getEventId).toList();
        driver.close();
        start(AlertConfig.defaults());
        // A fresh state directory name would be cleaner; the same directory is wiped when a new driver starts.
        change(1, T0, 850_000, CREDITS);
        List<String> second = crossings().stream().map(ThresholdCrossed::getEventId).toList();
        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
    }

    // --- spend windows and unusual spend ---

    @Test
    void spendWindowsFollowTheCalendarOfTheConfiguredZone() {
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        start(new AlertConfig(AlertConfig.defaults().thresholds(), saoPaulo, AlertConfig.UnusualSpendRule.defaults(),
                Duration.ofDays(2), Duration.ofDays(35)));
        // 02:30 UTC on the 25th is 23:30 on the 24th in São Paulo (UTC-3).
        Instant late = Instant.parse("2026-11-25T02:30:00Z");
        usage.pipeInput(USER, usage("u1", late, 1_000), late);
        usage.pipeInput(USER, usage("u2", late.plusSeconds(600), 2_000), late.plusSeconds(600));
        // 03:10 UTC is 00:10 on the 25th: a new day and a new hour.
        usage.pipeInput(USER, usage("u3", late.plusSeconds(2_400), 4_000), late.plusSeconds(2_400));

        List<SpendWindowUpdated> updates = windows.readValuesToList().stream().map(SpendWindowUpdated.class::cast).toList();
        assertThat(updates).hasSize(6);
        SpendWindowUpdated lastDayOf24th = updates.get(3);
        assertThat(lastDayOf24th.getWindow()).isEqualTo("DAY");
        assertThat(lastDayOf24th.getWindowStartedAt()).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
        assertThat(lastDayOf24th.getWindowEndsAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
        assertThat(lastDayOf24th.getSpentCredits()).isEqualTo(3_000);
        assertThat(lastDayOf24th.getCalls()).isEqualTo(2);
        assertThat(lastDayOf24th.getZone()).isEqualTo("America/Sao_Paulo");
        SpendWindowUpdated hourOf2330 = updates.get(2);
        assertThat(hourOf2330.getWindow()).isEqualTo("HOUR");
        assertThat(hourOf2330.getWindowStartedAt()).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
        assertThat(hourOf2330.getSpentCredits()).isEqualTo(3_000);
        assertThat(updates.get(5).getWindowStartedAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
        assertThat(updates.get(5).getSpentCredits()).isEqualTo(4_000);
    }

    @Test
    void aDuplicateUsageEventIsCountedOnce() {
        start(AlertConfig.defaults());
        UsageRecorded call = usage("dup", T0, 5_000);
        usage.pipeInput(USER, call, T0);
        usage.pipeInput(USER, call, T0.plusSeconds(30));
        assertThat(windows.readValuesToList()).hasSize(2)
                .allSatisfy(update -> assertThat(((SpendWindowUpdated) update).getSpentCredits()).isEqualTo(5_000));
    }

    @Test
    void anOutOfOrderUsageEventLandsInItsOwnHour() {
        start(AlertConfig.defaults());
        usage.pipeInput(USER, usage("later", T0.plus(Duration.ofHours(2)), 7_000), T0.plus(Duration.ofHours(2)));
        usage.pipeInput(USER, usage("earlier", T0.plusSeconds(60), 3_000), T0.plusSeconds(60));
        List<SpendWindowUpdated> updates = windows.readValuesToList().stream().map(SpendWindowUpdated.class::cast).toList();
        assertThat(updates.get(2).getWindow()).isEqualTo("HOUR");
        assertThat(updates.get(2).getWindowStartedAt()).isEqualTo(T0);
        assertThat(updates.get(2).getSpentCredits()).isEqualTo(3_000);
        assertThat(updates.get(3).getSpentCredits()).as("same day").isEqualTo(10_000);
    }

    @Test
    void aBurstFarAboveTheTrailingHourlyAverageIsUnusualOnce() {
        // 3x, 15 minutes, over 3 hours of history; bursts of at least 1,000 credits.
        start(AlertConfig.defaults().withThresholds(List.of()).withUnusualSpend(
                new AlertConfig.UnusualSpendRule(300, Duration.ofMinutes(15), 3, 1_000, Duration.ofHours(1))));
        // Three hours of smooth use: 333 credits every 5 minutes, 3,996 an hour.
        for (int i = 0; i < 36; i++) {
            Instant at = T0.plus(Duration.ofMinutes(5L * i));
            usage.pipeInput(USER, usage("h" + i, at, 333), at);
        }
        assertThat(alerts.readValuesToList()).isEmpty();
        Instant burst = T0.plus(Duration.ofHours(3)).plusSeconds(60);
        // 2,666 in the last 15 minutes is 10,664 an hour: 2.7x, not unusual.
        usage.pipeInput(USER, usage("b1", burst, 2_000), burst);
        assertThat(alerts.readValuesToList()).isEmpty();
        // 4,166 is 16,664 an hour: 4.2x the average of the two complete hours before the window.
        usage.pipeInput(USER, usage("b2", burst.plusSeconds(60), 1_500), burst.plusSeconds(60));
        assertThat(alerts.readValuesToList()).singleElement().isInstanceOfSatisfying(UnusualSpend.class, unusual -> {
            assertThat(unusual.getWindowSpentCredits()).isEqualTo(4_166);
            assertThat(unusual.getTrailingHourlyAverageCredits()).isEqualTo(3_996);
            assertThat(unusual.getFactorPercent()).isEqualTo(300);
            assertThat(unusual.getCauseEventId()).isEqualTo("b2");
        });
        // Still bursting within the cooldown: no second alert.
        usage.pipeInput(USER, usage("b3", burst.plusSeconds(120), 5_000), burst.plusSeconds(120));
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void aFirstBurstWithoutHistoryIsNotUnusual() {
        start(AlertConfig.defaults().withThresholds(List.of()).withUnusualSpend(
                new AlertConfig.UnusualSpendRule(300, Duration.ofMinutes(15), 3, 1_000, Duration.ofHours(1))));
        usage.pipeInput(USER, usage("first", T0, 500_000), T0);
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    // --- helpers ---

    private List<ThresholdCrossed> crossings() {
        List<SpecificRecord> out = alerts.readValuesToList();
        assertThat(out).allSatisfy(event -> assertThat(event).isInstanceOf(ThresholdCrossed.class));
        return out.stream().map(ThresholdCrossed.class::cast).toList();
    }

    private void change(long version, Instant at, long spent, long cycleCredits) {
        change(version, at, spent, cycleCredits, "USAGE");
    }

    private void change(long version, Instant at, long spent, long cycleCredits, String changeType) {
        accounts.pipeInput(USER, balance(version, at, CYCLE, spent, cycleCredits, changeType), at);
    }

    private static String eventId(long version) {
        return "abc-" + version;
    }

    static AccountBalanceChanged balance(long version, Instant at, Instant cycle, long spent, long cycleCredits, String changeType) {
        long balance = cycleCredits - spent;
        return AccountBalanceChanged.newBuilder()
                .setEventId(eventId(version))
                .setOccurredAt(at)
                .setUserId(USER)
                .setCauseEventId("cause-" + version)
                .setVersion(version)
                .setBalanceCredits(balance)
                .setCycleCredits(cycleCredits)
                .setSpentCycleCredits(spent)
                .setStatus(balance > 0 ? AccountStatus.ACTIVE : AccountStatus.EXHAUSTED)
                .setChangeType(changeType)
                .setUtilisationBasisPoints(cycleCredits > 0 ? spent * 10_000 / cycleCredits : 10_000)
                .setCycleStartedAt(cycle)
                .setCycleEndsAt(cycle.equals(CYCLE) ? NEXT_CYCLE : NEXT_CYCLE.plus(Duration.ofDays(31)))
                .setPlanId("pro")
                .build();
    }

    static UsageRecorded usage(String eventId, Instant at, long cost) {
        return UsageRecorded.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(at)
                .setUserId(USER)
                .setUserEmail("user1@example.com")
                .setModel("gpt-4o-mini")
                .setPromptTokens(100)
                .setCompletionTokens(50)
                .setCostCredits(cost)
                .setUsageSource(UsageSource.EXACT)
                .setStream(false)
                .setOutcome(CallOutcome.COMPLETED)
                .setRequestId("req-" + UUID.randomUUID())
                .setLatencyMs(100)
                .build();
    }
}
