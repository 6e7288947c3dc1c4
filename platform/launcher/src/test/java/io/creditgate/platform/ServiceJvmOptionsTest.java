package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Decision 80: every service but the gateway starts with the client compiler only and the serial collector (half the
 * platform's start-up CPU); the gateway keeps C2 and its default collector, since every chat call goes through it.
 */
class ServiceJvmOptionsTest {

    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @Test
    void theGatewayKeepsBothCompilersAndEveryOtherServiceStartsQuickly() {
        assertThat(Platform.jvmOptions("gateway-service")).doesNotContainAnyElementsOf(QUICK_START)
                .contains("-Xmx768m", "-XX:+ExitOnOutOfMemoryError");
        for (String service : List.of("console", "ledger-service", "alert-service", "payment-service")) {
            assertThat(Platform.jvmOptions(service)).as(service).containsAll(QUICK_START)
                    .contains("-Xmx768m", "-XX:+ExitOnOutOfMemoryError");
        }
    }
}
