package io.creditgate.schemas.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How every service reads a Creditgate token's claims: one reading, in the contract. */
class CreditgateTokenTest {

    @Test
    void rolesIgnoreNamesCreditgateDoesNotKnow() {
        assertThat(CreditgateToken.roles(Map.of("roles", List.of("user", "root", "finance", 7))))
                .containsExactly(Role.USER, Role.FINANCE);
        assertThat(CreditgateToken.roles(Map.of("roles", "admin"))).containsExactly(Role.ADMIN);
        assertThat(CreditgateToken.roles(Map.of())).isEmpty();
    }

    @Test
    void accountsLeaveOutIdsTheLedgerWouldRefuse() {
        assertThat(CreditgateToken.accounts(Map.of("accounts", List.of("ana@example.com", "jane doe", "{{LIBRECHAT_USER_ID}}"))))
                .containsExactly("ana@example.com");
        assertThat(CreditgateToken.accounts(Map.of("accounts", 42))).isEmpty();
    }

    @Test
    void theActorIsTheEmailElseTheSubject() {
        assertThat(CreditgateToken.actor(Map.of("email", "ana@example.com", "sub", "p-1"))).isEqualTo("ana@example.com");
        assertThat(CreditgateToken.actor(Map.of("email", " ", "sub", "p-1"))).isEqualTo("p-1");
        assertThat(CreditgateToken.actor(Map.of())).isNull();
    }
}
