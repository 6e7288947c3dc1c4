package io.creditgate.alert.detection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The detection topology and its Kafka Streams runtime.
 *
 * @param enabled false runs the service without detection (delivery and API only)
 * @param applicationId Kafka Streams application id: consumer group, prefix of internal topics
 * @param stateDir where RocksDB keeps the state stores; empty means a directory under java.io.tmpdir
 * @param streamThreads stream threads of this instance (partitions are shared across threads and instances)
 * @param commitInterval how often a transaction commits; alerts become visible to read_committed consumers then
 * @param replicationFactor replication of internal topics; -1 takes the broker's default
 * @param thresholdsPercent utilisation thresholds in percent of the cycle's credits
 * @param lowBalanceCredits the absolute low-balance threshold in credits; 0 disables it
 * @param zone calendar of the spend windows
 * @param unusualFactorPercent N of "N x the trailing hourly average", in percent (300 = 3x)
 * @param unusualWindow the recent window of unusual spend
 * @param unusualLookbackHours hours the trailing average is taken over
 * @param unusualMinCredits spend below this in the window is never unusual
 * @param unusualCooldown at most one unusual-spend alert per user in this time
 * @param dedupeRetention how long usage eventIds are remembered to drop duplicates
 * @param dailyWindowRetention how long daily spend windows stay in the store
 */
@ConfigurationProperties("creditgate.alerts.detection")
public record DetectionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("creditgate-alerts") String applicationId,
        @DefaultValue("") String stateDir,
        @DefaultValue("1") int streamThreads,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("-1") int replicationFactor,
        @DefaultValue({"50", "80", "100"}) List<Integer> thresholdsPercent,
        @DefaultValue("100000") long lowBalanceCredits,
        @DefaultValue("Europe/Lisbon") ZoneId zone,
        @DefaultValue("300") long unusualFactorPercent,
        @DefaultValue("15m") Duration unusualWindow,
        @DefaultValue("24") int unusualLookbackHours,
        @DefaultValue("100000") long unusualMinCredits,
        @DefaultValue("1h") Duration unusualCooldown,
        @DefaultValue("2d") Duration dedupeRetention,
        @DefaultValue("35d") Duration dailyWindowRetention) {

    public DetectionProperties {
        if (streamThreads < 1 || streamThreads > 64) {
            throw new IllegalArgumentException("creditgate.alerts.detection.stream-threads must be 1..64");
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("creditgate.alerts.detection.commit-interval must be positive");
        }
        for (int percent : thresholdsPercent) {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("creditgate.alerts.detection.thresholds-percent must be 1..100: " + percent);
            }
        }
        if (lowBalanceCredits < 0) {
            throw new IllegalArgumentException("creditgate.alerts.detection.low-balance-credits must not be negative");
        }
    }

    /** The topology's configuration; validated there too. */
    public AlertConfig toConfig() {
        List<Threshold> thresholds = new ArrayList<>();
        thresholdsPercent.forEach(percent -> thresholds.add(Threshold.utilisationPercent(percent)));
        if (lowBalanceCredits > 0) {
            thresholds.add(Threshold.lowBalance(lowBalanceCredits));
        }
        return new AlertConfig(thresholds, zone,
                new AlertConfig.UnusualSpendRule(unusualFactorPercent, unusualWindow, unusualLookbackHours, unusualMinCredits,
                        unusualCooldown),
                dedupeRetention, dailyWindowRetention);
    }

    Path stateDirectory() {
        return stateDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "creditgate-alerts", applicationId)
                : Path.of(stateDir);
    }
}
