package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void springBootsFailureReportIsTheReason() {
        List<String> log = List.of(
                "2026-12-07T04:00:00Z  INFO 1 --- [gateway-service] [main] GatewayApplication : Starting GatewayApplication",
                "",
                "***************************",
                "APPLICATION FAILED TO START",
                "***************************",
                "",
                "Description:",
                "",
                "Web server failed to start. Port 8080 was already in use.",
                "",
                "Action:",
                "",
                "Identify and stop the process that's listening on port 8080 or configure this application to listen on another port.");
        assertThat(FailureReason.of(log)).containsExactly("Description:", "Web server failed to start. Port 8080 was already in use.",
                "Action:", "Identify and stop the process that's listening on port 8080 or configure this application to listen on another port.");
    }

    @Test
    void withoutAReportTheExceptionsAndTheirCausesAreKeptAndTheStackFramesDropped() {
        List<String> log = new ArrayList<>(List.of("  .   ____          _", " :: Spring Boot ::                (v4.0.7)",
                "2026-12-07 ERROR o.s.boot.SpringApplication : Application run failed",
                "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'flyway'"));
        for (int i = 0; i < 300; i++) {
            log.add("\tat org.example.Frame" + i + ".call(Frame.java:" + i + ")");
        }
        log.add("Caused by: java.net.ConnectException: Connection refused");
        log.add("\t... 42 more");
        List<String> reason = FailureReason.of(log);
        assertThat(reason).containsExactly("2026-12-07 ERROR o.s.boot.SpringApplication : Application run failed",
                "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'flyway'",
                "Caused by: java.net.ConnectException: Connection refused");
    }

    @Test
    void aLongLogIsCutToTheLastLines() {
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            log.add("line " + i);
        }
        assertThat(FailureReason.of(log)).hasSize(FailureReason.LINES_MAX).endsWith("line 999").startsWith("line 985");
        assertThat(FailureReason.of(List.of())).isEmpty();
    }
}
