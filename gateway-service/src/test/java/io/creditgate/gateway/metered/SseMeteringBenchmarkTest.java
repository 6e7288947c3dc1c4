package io.creditgate.gateway.metered;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.creditgate.gateway.metering.TokenUsage;

/** The JMH benchmark measures real work: its stream meters to the usage the upstream reported, in any chunking. */
class SseMeteringBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 1024, 16384})
    void meteringTheBenchmarkStreamFindsItsUsageHowEverTheBytesAreCut(int chunkBytes) {
        SseMeteringBenchmark.Metered metered = SseMeteringBenchmark.meter(
                SseMeteringBenchmark.chunks(SseMeteringBenchmark.stream(), chunkBytes));

        assertThat(metered.usage()).isEqualTo(TokenUsage.reported(27, 0, 9, 0));
        // 13 events; the usage-only chunk is hidden from a client that did not ask for it.
        assertThat(metered.eventsForwarded()).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 16384})
    void cuttingCountsEveryEvent(int chunkBytes) {
        SseMeteringBenchmark benchmark = new SseMeteringBenchmark();
        benchmark.chunkBytes = chunkBytes;
        benchmark.cutIntoChunks();

        assertThat(benchmark.cutEvents()).isEqualTo(13);
    }
}
