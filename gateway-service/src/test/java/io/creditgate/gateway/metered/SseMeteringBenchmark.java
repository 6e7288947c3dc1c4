package io.creditgate.gateway.metered;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.gateway.pricing.PricedModel;
import tools.jackson.databind.json.JsonMapper;

/**
 * What metering a streamed chat answer costs the gateway: cutting the upstream's bytes into server-sent
 * events, and the whole per-stream work (cut, parse each event's JSON, meter, decide what the client sees).
 * The stream is the one the HTTP benchmark's upstream serves (13 events, usage in the last chunk), fed in
 * chunks of {@code chunkBytes} as the network hands them over. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SseMeteringBenchmark {

    static final String STREAM = "/io/creditgate/gateway/bench/chat-stream.sse";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TokenCounter TOKENS = new TokenCounter();
    private static final ModelPrice PRICE = ModelPrice.of(new BigDecimal("0.15"), null, new BigDecimal("0.60"));

    /** Bytes per network read: 64 splits most events, 16384 hands over the whole answer at once. */
    @Param({"64", "1024", "16384"})
    public int chunkBytes;

    private List<byte[]> chunks;

    @Setup
    public void cutIntoChunks() {
        chunks = chunks(stream(), chunkBytes);
    }

    /** Cutting into events only. */
    @Benchmark
    public int cutEvents() {
        SseEvents events = new SseEvents(StreamMeter.MAX_EVENT_BYTES);
        int count = 0;
        for (byte[] chunk : chunks) {
            count += events.feed(chunk).size();
        }
        return count;
    }

    /** Everything a stream costs the gateway's metering, to the usage it will charge. */
    @Benchmark
    public TokenUsage meterStream() {
        return meter(chunks).usage();
    }

    /** The events forwarded to the client and the usage metered, for a stream fed in these chunks. */
    static Metered meter(List<byte[]> chunks) {
        MeteredCall call = new MeteredCall(null, "chat.completions", new UserId("bench-user"), "gpt-4o-mini",
                new PricedModel("gpt-4o-mini", PRICE, PricedModel.CONFIG),
                true, "bench-request", "bench-event", 27);
        ApiRequest request = new ApiRequest(JSON.createObjectNode(), "gpt-4o-mini", true, false, null, 1);
        StreamMeter meter = new StreamMeter(JSON, new ChatCompletionsApi(), call, request);
        int forwarded = 0;
        for (byte[] chunk : chunks) {
            forwarded += meter.feed(chunk).size();
        }
        forwarded += meter.ending().size();
        return new Metered(forwarded, call.usage(TOKENS));
    }

    record Metered(int eventsForwarded, TokenUsage usage) {
    }

    static byte[] stream() {
        try (InputStream in = SseMeteringBenchmark.class.getResourceAsStream(STREAM)) {
            if (in == null) {
                throw new IllegalStateException(STREAM + " is missing from the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += size) {
            chunks.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
        }
        return chunks;
    }
}
