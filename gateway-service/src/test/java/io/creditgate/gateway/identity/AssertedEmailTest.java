package io.creditgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The asserted email only addresses alerts: anything that is not plainly an address is dropped, never refused. */
class AssertedEmailTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", " bob@example.org ", "a+tag@sub.example.pt"})
    void keepsAnAddress(String header) {
        assertThat(CallerIdentification.emailFrom(header)).isEqualTo(header.strip());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "{{LIBRECHAT_USER_EMAIL}}", "no-at-sign", "@example.com", "alice@",
            "al ice@example.com", "alice@example.com\r\nBcc: x@y.z"})
    void dropsWhatIsNotAnAddress(String header) {
        assertThat(CallerIdentification.emailFrom(header)).isNull();
    }

    @org.junit.jupiter.api.Test
    void dropsAnAddressLongerThanSmtpAllows() {
        assertThat(CallerIdentification.emailFrom("a".repeat(250) + "@x.pt")).isNull();
    }
}
