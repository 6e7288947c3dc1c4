package io.creditgate.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JMH benchmark counts what OpenAI counts, so it measures the real work. */
class TokenCountingBenchmarkTest {

    private final TokenCountingBenchmark benchmark = new TokenCountingBenchmark();

    @Test
    void thePromptIsTheCookbooksWith124Tokens() {
        assertThat(benchmark.countCookbookPrompt()).isEqualTo(124);
    }

    @Test
    void theAnswerCountsLikeItsRepeatedSentence() {
        long sentence = new TokenCounter().countCompletion("gpt-4o-mini", TokenCountingBenchmark.ANSWER.substring(0,
                TokenCountingBenchmark.ANSWER.length() / 6));
        assertThat(TokenCountingBenchmark.ANSWER).hasSizeGreaterThan(900);
        assertThat(benchmark.countAnswerOf1000Characters()).isBetween(6 * sentence - 6, 6 * sentence);
    }
}
