package io.creditgate.ledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.creditgate.web.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The provider clients without Spring: LiteLLM's spend logs against a local server answering LiteLLM's JSON, and what
 * the report says when the source is not configured or not reachable.
 */
class ProviderSourcesTest {

    /**
     * Two days of {@code GET /spend/logs?summarize=false} as LiteLLM answers it (LiteLLM_SpendLogs rows; most columns
     * kept, as they come): a failed call, a call at the end date's midnight and one the day before the range.
     */
    static final String SPEND_LOGS = """
            [
              {"request_id": "chatcmpl-1", "call_type": "acompletion", "api_key": "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b",
               "spend": 0.00063, "total_tokens": 1500, "prompt_tokens": 1200, "completion_tokens": 300,
               "startTime": "2024-02-05T08:00:00.123000Z", "endTime": "2024-02-05T08:00:02.000000Z",
               "completionStartTime": "2024-02-05T08:00:00.900000Z", "model": "gpt-4o-mini-2024-07-18",
               "model_id": "a1b2", "model_group": "gpt-4o-mini", "custom_llm_provider": "openai",
               "api_base": "https://api.openai.com/v1", "user": "alice", "status": "success",
               "metadata": {"user_api_key_alias": null, "usage_object": {"prompt_tokens": 1200, "completion_tokens": 300,
                 "total_tokens": 1500, "prompt_tokens_details": {"cached_tokens": 200, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0}}},
               "cache_hit": "False", "cache_key": "Cache OFF", "request_tags": [], "team_id": null, "end_user": "",
               "requester_ip_address": "", "messages": {}, "response": {}},
              {"request_id": "chatcmpl-2", "call_type": "acompletion", "spend": 0.0001, "total_tokens": 110,
               "prompt_tokens": 100, "completion_tokens": 10, "startTime": "2024-02-05T23:59:59.999000+00:00",
               "model": "openai/gpt-4o-mini", "model_group": "gpt-4o-mini", "status": "success", "metadata": {}},
              {"request_id": "chatcmpl-3", "call_type": "acompletion", "spend": 0.0, "total_tokens": 0,
               "prompt_tokens": 0, "completion_tokens": 0, "startTime": "2024-02-06T09:00:00.000000Z",
               "model": "gpt-4o", "model_group": "gpt-4o", "status": "failure", "metadata": {}},
              {"request_id": "chatcmpl-4", "call_type": "acompletion", "spend": 0.002, "total_tokens": 500,
               "prompt_tokens": 450, "completion_tokens": 50, "startTime": "2024-02-06T09:05:00",
               "model": "gpt-4o-2024-08-06", "model_group": "gpt-4o", "status": "success", "metadata": {}},
              {"request_id": "chatcmpl-5", "call_type": "acompletion", "spend": 0.002, "total_tokens": 5,
               "prompt_tokens": 4, "completion_tokens": 1, "startTime": "2024-02-07T00:00:00.000000Z",
               "model": "gpt-4o", "status": "success", "metadata": {}},
              {"request_id": "chatcmpl-6", "call_type": "aembedding", "spend": 0.000001, "total_tokens": 50,
               "prompt_tokens": 50, "completion_tokens": 0, "startTime": "2024-02-04T12:00:00.000000Z",
               "model": "text-embedding-3-small", "status": "success", "metadata": {}}
            ]""";

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/spend/logs", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestURI().getRawQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (status == 200 ? SPEND_LOGS : "{\"error\":{\"message\":\"Authentication Error\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sumsLiteLlmsSpendLogsPerUtcDayAndModelFamily() {
        LiteLlmSpendLogsSource source = new LiteLlmSpendLogsSource(new ProviderHttp(properties("litellm",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/", "sk-master")));
        List<ProviderUsage> usage = source.read(LocalDate.parse("2024-02-05"), LocalDate.parse("2024-02-06"));

        assertThat(requests).containsExactly("start_date=2024-02-05&end_date=2024-02-07&summarize=false Bearer sk-master");
        assertThat(usage).containsExactlyInAnyOrder(
                new ProviderUsage(LocalDate.parse("2024-02-05"), "gpt-4o-mini", 2, 1_300, 200, 310),
                new ProviderUsage(LocalDate.parse("2024-02-06"), "gpt-4o", 1, 450, 0, 50));
    }

    @Test
    void aRefusedKeyOrAnUnreachableProviderIsUnavailableAndSaysWhichSetting() {
        status = 401;
        LiteLlmSpendLogsSource refused = new LiteLlmSpendLogsSource(new ProviderHttp(properties("litellm",
                "http://127.0.0.1:" + server.getAddress().getPort(), "sk-wrong")));
        assertThatThrownBy(() -> refused.read(LocalDate.parse("2024-02-05"), LocalDate.parse("2024-02-05")))
                .isInstanceOf(ProviderSource.SourceUnavailableException.class)
                .hasMessageContaining("creditgate.reconciliation.api-key");

        OpenAiUsageSource unreachable = new OpenAiUsageSource(new ProviderHttp(properties("openai",
                "http://127.0.0.1:" + closedPort(), "sk-admin")), 10);
        assertThatThrownBy(() -> unreachable.read(LocalDate.parse("2024-02-05"), LocalDate.parse("2024-02-05")))
                .isInstanceOf(ProviderSource.SourceUnavailableException.class)
                .hasMessageContaining("creditgate.reconciliation.url");
    }

    @Test
    void anIncompleteSettingIsA503NamingTheSetting() {
        assertThat(ReconciliationConfiguration.missingSetting(properties("none", null, null)))
                .contains("creditgate.reconciliation.source").contains("CREDITGATE_RECONCILIATION_SOURCE");
        assertThat(ReconciliationConfiguration.missingSetting(properties("openai", " ", "k")))
                .contains("creditgate.reconciliation.url");
        assertThat(ReconciliationConfiguration.missingSetting(properties("openai", "https://api.openai.com", "")))
                .contains("creditgate.reconciliation.api-key").contains("admin key");
        assertThat(ReconciliationConfiguration.missingSetting(properties("litellm", "http://litellm:4000", "sk-1")))
                .isNull();

        ReconciliationRuns runs = new ReconciliationRuns(null, "set creditgate.reconciliation.source",
                new ReconciliationMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        assertThatThrownBy(() -> runs.run(LocalDate.parse("2024-02-05"), LocalDate.parse("2024-02-05")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("reconciliation_not_configured");
                    assertThat(e.getMessage()).contains("creditgate.reconciliation.source");
                });
        assertThatThrownBy(() -> properties("azure", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ReconciliationProperties properties(String source, String url, String key) {
        return new ReconciliationProperties(source, url, key, Duration.ofSeconds(2), Duration.ofSeconds(5),
                new BigDecimal("0.5"), 10);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
