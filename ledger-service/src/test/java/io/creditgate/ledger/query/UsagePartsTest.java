package io.creditgate.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Which part of a window the reports read from the aggregate and which from the statement lines (decision 55). */
class UsagePartsTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    @Test
    void anAlignedWindowIsReadFromTheBucketsAlone() {
        UsageReports.Parts parts = parts("2026-11-01T03:00:00Z", "2026-12-01T03:00:00Z", SAO_PAULO, true);
        assertThat(parts.bucketsFrom()).isEqualTo(Instant.parse("2026-11-01T03:00:00Z"));
        assertThat(parts.bucketsTo()).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
        assertThat(parts.raw()).isEmpty();
        assertThat(parts.excluded()).isEmpty();
    }

    @Test
    void unalignedEdgesAreReadFromTheLines() {
        UsageReports.Parts parts = parts("2026-11-01T10:07:30Z", "2026-11-02T11:44:00Z", ZoneOffset.UTC, false);
        assertThat(parts.bucketsFrom()).isEqualTo(Instant.parse("2026-11-01T10:15:00Z"));
        assertThat(parts.bucketsTo()).isEqualTo(Instant.parse("2026-11-02T11:30:00Z"));
        assertThat(parts.raw()).containsExactly(
                new Instant[] {Instant.parse("2026-11-01T10:07:30Z"), Instant.parse("2026-11-01T10:15:00Z")},
                new Instant[] {Instant.parse("2026-11-02T11:30:00Z"), Instant.parse("2026-11-02T11:44:00Z")});
    }

    @Test
    void aWindowInsideOneQuarterHourIsReadFromTheLinesAlone() {
        UsageReports.Parts parts = parts("2026-11-01T10:05:00Z", "2026-11-01T10:10:00Z", ZoneOffset.UTC, true);
        assertThat(parts.bucketsFrom()).isEqualTo(parts.bucketsTo());
        assertThat(parts.raw()).containsExactly(
                new Instant[] {Instant.parse("2026-11-01T10:05:00Z"), Instant.parse("2026-11-01T10:10:00Z")});
    }

    /** São Paulo kept local mean time (-03:06:28) until 1914: its midnights then cut a quarter hour. */
    @Test
    void aQuarterHourThatADayBoundaryCutsIsReadFromTheLines() {
        Instant from = LocalDate.parse("1913-01-01").atStartOfDay(SAO_PAULO).toInstant();
        Instant to = LocalDate.parse("1913-01-04").atStartOfDay(SAO_PAULO).toInstant();
        assertThat(from).isEqualTo(Instant.parse("1913-01-01T03:06:28Z"));
        UsageReports.Parts parts = UsageReports.Parts.of(new TimeRange(from, to, SAO_PAULO), null, null, true);
        assertThat(parts.bucketsFrom()).isEqualTo(Instant.parse("1913-01-01T03:15:00Z"));
        assertThat(parts.bucketsTo()).isEqualTo(Instant.parse("1913-01-04T03:00:00Z"));
        assertThat(parts.excluded()).containsExactly(Instant.parse("1913-01-02T03:00:00Z"),
                Instant.parse("1913-01-03T03:00:00Z"));
        assertThat(parts.raw()).containsExactly(
                new Instant[] {from, Instant.parse("1913-01-01T03:15:00Z")},
                new Instant[] {Instant.parse("1913-01-04T03:00:00Z"), to},
                new Instant[] {Instant.parse("1913-01-02T03:00:00Z"), Instant.parse("1913-01-02T03:15:00Z")},
                new Instant[] {Instant.parse("1913-01-03T03:00:00Z"), Instant.parse("1913-01-03T03:15:00Z")});
        // By model the days do not matter: the whole buckets are read.
        assertThat(UsageReports.Parts.of(new TimeRange(from, to, SAO_PAULO), null, null, false).excluded()).isEmpty();
    }

    private static UsageReports.Parts parts(String from, String to, ZoneId zone, boolean byDay) {
        return UsageReports.Parts.of(new TimeRange(Instant.parse(from), Instant.parse(to), zone), null, null, byDay);
    }
}
