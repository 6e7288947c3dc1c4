package io.creditgate.platform;

import java.util.Map;

/** What the platform prints once everything is up: where things are, the keys, and how to use them. */
final class Banner {

    private Banner() {
    }

    static String of(Platform platform, long startupMs) {
        PlatformSettings settings = platform.settings();
        String upstream = settings.usesDemoUpstream()
                ? platform.upstreamUrl() + "  (demo: no key needed; set OPENAI_API_KEY or CREDITGATE_UPSTREAM_URL for a real one)"
                : platform.upstreamUrl();
        String gateway = platform.gatewayUrl();
        String stripe = platform.demoStripe() == null ? "Stripe (STRIPE_SECRET_KEY)"
                : platform.demoStripe().baseUrl() + "  (demo: card 4242 4242 4242 4242 pays, 4000 0025 0000 3155 asks to"
                        + " authenticate, 4000 0000 0000 9995 is declined; set STRIPE_SECRET_KEY for Stripe)";
        return """

                ================================================================================
                 Creditgate is running (started in %d ms). Ctrl-C stops everything.
                ================================================================================
                 Dashboard (sign in)   %s/
                   first admin         %s / %s%s
                   buy credits         %s
                 Gateway (OpenAI API)  %s/v1
                 Ledger API            %s/api/accounts/{userId}
                 Alert service         %s/actuator/health
                 Payment service       %s/actuator/health
                 Upstream              %s
                 Payments              %s
                 Alert emails          %s
                 Logs                  %s  (<service>.log, platform.log; --verbose shows them here)

                 Service key (LibreChat → gateway)  %s
                 Admin key (bootstrap, admin APIs)  %s
                 Starting credits per new user      %,d (1,000,000 credits = 1 USD)

                 Kafka bootstrap   %s
                 PostgreSQL        %s (user %s)
                 Redis             %s

                 Try it:
                   curl -N %s/v1/chat/completions \\
                     -H 'Authorization: Bearer %s' -H 'X-User-Id: alice' \\
                     -H 'Content-Type: application/json' \\
                     -d '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hello!"}]}'
                   curl %s/api/accounts/alice -H 'Authorization: Bearer %s'

                 LibreChat (librechat.yaml; X-User-Id names the account people see when they sign in to the console):
                %s
                ================================================================================
                """.formatted(startupMs, platform.consoleUrl(), settings.adminEmail(), settings.adminPassword(),
                System.getenv("CREDITGATE_ADMIN_PASSWORD") == null ? "  (generated: shown only here)" : "", platform.buyPageUrl(),
                gateway, platform.ledgerUrl(), platform.alertUrl(), platform.paymentUrl(), upstream, stripe,
                mailbox(platform), platform.logsDirectory(),
                settings.serviceKey(), settings.adminKey(), settings.startingCredits(),
                platform.kafka().bootstrapServers(), platform.ledgerJdbcUrl(), platform.postgres().username(), platform.redis().url(),
                gateway, settings.serviceKey(), platform.ledgerUrl(), settings.adminKey(), libreChatYaml(gateway, settings.serviceKey(), userIdPlaceholder(settings)).indent(3).stripTrailing());
    }

    private static String mailbox(Platform platform) {
        return platform.mailbox() == null ? "sent to the SMTP server SPRING_MAIL_HOST names"
                : platform.mailbox() + "  (one .eml file per email; SMTP 127.0.0.1:" + platform.mail().smtpPort() + ")";
    }

    /**
     * The LibreChat placeholder whose value is the ledger account of the person the console signs in: with the
     * organisation's identity provider, the claim the console matches accounts by (the subject by default, which
     * LibreChat knows as {@code LIBRECHAT_USER_OPENIDID}); with built-in accounts, the email people sign in with.
     */
    static String userIdPlaceholder(PlatformSettings settings) {
        Map<String, String> identity = settings.identitySettings();
        boolean federated = identity.getOrDefault("CREDITGATE_OIDC_ISSUER_URI", "").isBlank() == false;
        boolean byEmail = "email".equalsIgnoreCase(identity.getOrDefault("CREDITGATE_OIDC_ACCOUNT_CLAIM", "sub").strip());
        return federated && !byEmail ? "{{LIBRECHAT_USER_OPENIDID}}" : "{{LIBRECHAT_USER_EMAIL}}";
    }

    /**
     * A custom endpoint for LibreChat. The headers carry the user's identity; LibreChat fills the
     * placeholders per request. The models are fetched from the gateway's {@code /v1/models}.
     */
    static String libreChatYaml(String gatewayUrl, String serviceKey, String userIdPlaceholder) {
        return """
                # LibreChat in Docker reaches this machine as host.docker.internal instead of 127.0.0.1.
                endpoints:
                  custom:
                    - name: "Creditgate"
                      apiKey: "%s"
                      baseURL: "%s/v1"
                      headers:
                        X-User-Id: "%s"
                        X-User-Email: "{{LIBRECHAT_USER_EMAIL}}"
                        X-User-Role: "{{LIBRECHAT_USER_ROLE}}"
                      models:
                        default: ["gpt-4o-mini"]
                        fetch: true
                      titleConvo: true
                      titleModel: "gpt-4o-mini"
                """.formatted(serviceKey, gatewayUrl, userIdPlaceholder);
    }
}
