package io.creditgate.gateway.metering;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway's own token counting costs (jtokkit): the prompt estimate every call pays before admission,
 * and the count of generated text for answers that came without usage. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenCountingBenchmark {

    /** OpenAI's cookbook example ("How to count tokens with tiktoken"): 124 prompt tokens for gpt-4o. */
    static final JsonNode COOKBOOK_MESSAGES = messages();
    /** About 1,000 characters of English prose, as a chat answer would be. */
    static final String ANSWER = ("The ledger keeps every credit a user receives and spends as an event, so that "
            + "finance can replay the whole history and reach the same balance, event by event. ").repeat(6);

    private final TokenCounter counter = new TokenCounter();

    @Benchmark
    public long countCookbookPrompt() {
        return counter.countPrompt("gpt-4o-mini", COOKBOOK_MESSAGES, null);
    }

    @Benchmark
    public long countAnswerOf1000Characters() {
        return counter.countCompletion("gpt-4o-mini", ANSWER);
    }

    private static JsonNode messages() {
        try (InputStream in = TokenCountingBenchmark.class.getResourceAsStream("/io/creditgate/gateway/bench/cookbook-messages.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
