package io.creditgate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** With {@code creditgate.auth.admin-key-enabled=false} the bootstrap key is refused; tokens still work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "creditgate.auth.admin-key-enabled=false")
class PaymentAdminKeyOffTest extends ManualModeTestBase {

    @Test
    void refusesTheTurnedOffAdminKeyButNotAnAdminsToken() {
        assertThat(get("/actuator/prometheus", ADMIN_KEY).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", TOKENS.admin()).statusCode()).isEqualTo(200);
    }
}
