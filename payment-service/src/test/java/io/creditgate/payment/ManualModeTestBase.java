package io.creditgate.payment;

import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service without Stripe keys (manual-only mode), sharing one database and one Spring context. */
public abstract class ManualModeTestBase extends PaymentServiceTestBase {

    private static final String DATABASE_URL = LocalPostgres.shared().createDatabase();

    @DynamicPropertySource
    static void manualMode(DynamicPropertyRegistry registry) {
        infrastructure(registry, DATABASE_URL, LocalKafka.shared().bootstrapServers());
        registry.add("creditgate.stripe.secret-key", () -> "");
        registry.add("creditgate.stripe.webhook-secret", () -> "");
    }
}
