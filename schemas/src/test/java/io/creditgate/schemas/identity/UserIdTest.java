package io.creditgate.schemas.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ana@example.com", "65f1c0ffee0123456789abcd", "auth0|5f7c8ec7c33c6c004bbafe82",
            "f:1c2d3e4f-aaaa-bbbb-cccc-0123456789ab:ana", "josé.ñ@exemplo.com.br"})
    void acceptsIdsThatLibreChatAndIdentityProvidersIssue(String value) {
        assertThat(UserId.isValid(value)).isTrue();
        assertThat(UserId.of(value).value()).isEqualTo(value);
    }

    @Test
    void acceptsTheLongestOpenIdSubject() {
        assertThat(UserId.isValid("s".repeat(255))).isTrue();
        assertThat(UserId.problemOf("s".repeat(256))).isEqualTo(UserId.Problem.TOO_LONG);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void refusesMissingIds(String value) {
        assertThat(UserId.problemOf(value)).isEqualTo(UserId.Problem.MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{LIBRECHAT_USER_ID}}", "x{{LIBRECHAT_USER_EMAIL}}", "}}"})
    void refusesUnfilledLibreChatPlaceholders(String value) {
        assertThat(UserId.problemOf(value)).isEqualTo(UserId.Problem.UNRESOLVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane doe", " alice", "alice\n", "a\u0000b", "a{b", "a}b", "a\u00a0b", "a\u2003b"})
    void refusesWhitespaceControlCharactersAndBraces(String value) {
        assertThat(UserId.problemOf(value)).isEqualTo(UserId.Problem.INVALID);
    }

    @Test
    void anInvalidIdCannotBeConstructedAndSaysWhy() {
        assertThatThrownBy(() -> UserId.of("jane doe"))
                .isInstanceOfSatisfying(UserId.InvalidUserIdException.class,
                        e -> assertThat(e.problem().code()).isEqualTo("user_invalid"))
                .hasMessageContaining("whitespace");
    }
}
