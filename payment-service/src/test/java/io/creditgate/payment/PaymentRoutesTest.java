package io.creditgate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditgate.web.testing.RouteCoverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every route has a rule in {@code PaymentAccess}, the service enforces it for every kind of caller, and the rest is denied. */
class PaymentRoutesTest extends ManualModeTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void reportsItselfUpOnTheHealthEndpoint() {
        var health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void everyRouteHasARuleAndEverythingElseIsDenied() {
        RouteCoverage.assertEveryRouteHasARule(context);
        assertThat(RouteCoverage.walk(context, port, RouteCoverage.identities(TOKENS, "ana", "bob"), "ana")).isEmpty();
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", TOKENS.finance()).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", TOKENS.admin()).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/payments/checkout", TOKENS.admin()).statusCode()).as("only POST has a rule").isEqualTo(403);
        assertThat(get("/api/payments/checkout", TOKENS.expiredAdmin()).statusCode()).isEqualTo(401);
        assertThat(get("/api/payments/nothing-here", TOKENS.admin()).statusCode()).isEqualTo(403);
    }
}
