package io.creditgate.platform;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the one-command platform is told by its environment. Every value has a default so that a
 * newcomer needs none of them; secrets come only from the environment.
 *
 * @param servicesDir where the service jars are (beside creditgate.jar by default)
 * @param serviceKey the key LibreChat presents to the gateway ({@code CREDITGATE_SERVICE_KEY}; generated when absent)
 * @param adminKey the key of the ledger's admin API ({@code CREDITGATE_ADMIN_KEY}; generated when absent)
 * @param upstreamUrl a real upstream ({@code CREDITGATE_UPSTREAM_URL}), or null for OpenAI when an
 *     API key is given, or for the demo upstream when neither is
 * @param openAiApiKey {@code OPENAI_API_KEY}, or null
 * @param startingCredits credits of a user's account on first sight ({@code CREDITGATE_STARTING_CREDITS})
 * @param gatewayPort the gateway's port ({@code CREDITGATE_GATEWAY_PORT}, default 8080); the ledger,
 *     alert and payment services take the three ports after it unless told otherwise
 * @param dataDir where embedded PostgreSQL keeps its data ({@code CREDITGATE_DATA_DIR}); null for a
 *     temporary directory that is deleted on exit
 * @param demoEventDelayMs pause between streamed words of the demo upstream, so a person sees them arrive
 * @param alertSettings the {@code CREDITGATE_ALERT_*} settings given (thresholds, zone, ...), handed to the alert
 *     service as they are
 * @param consolePort the console's port ({@code CREDITGATE_CONSOLE_PORT}, default the gateway's port + 4): the one
 *     origin a browser uses (sign-in, and the APIs relayed with the signed-in person's token)
 * @param adminEmail the first admin's email ({@code CREDITGATE_ADMIN_EMAIL})
 * @param adminPassword the first admin's password ({@code CREDITGATE_ADMIN_PASSWORD}; generated when absent and
 *     printed once in the banner)
 * @param identitySettings the {@code CREDITGATE_OIDC_*} and {@code CREDITGATE_CONSOLE_*} settings given (the
 *     organisation's identity provider, token lifetimes), handed to the console as they are
 * @param paymentSettings the {@code STRIPE_*}, {@code CREDITGATE_STRIPE_*} and {@code CREDITGATE_PAYMENT_*} settings
 *     given, handed to the payment service as they are; without {@code STRIPE_SECRET_KEY} the demo Stripe answers
 */
record PlatformSettings(Path servicesDir, String serviceKey, String adminKey, String upstreamUrl, String openAiApiKey,
                        long startingCredits, int gatewayPort, int ledgerPort, int alertPort, int paymentPort,
                        Path dataDir, int demoEventDelayMs, Map<String, String> alertSettings,
                        int consolePort, String adminEmail, String adminPassword, Map<String, String> identitySettings,
                        Map<String, String> paymentSettings) {

    static final long DEFAULT_STARTING_CREDITS = 1_000_000L;
    /** A name under the reserved {@code .local} domain: never a real mailbox, caught by the platform's mail catcher. */
    static final String DEFAULT_ADMIN_EMAIL = "admin@creditgate.local";

    PlatformSettings {
        if (startingCredits < 0) {
            throw new IllegalArgumentException("CREDITGATE_STARTING_CREDITS must be 0 or more, was " + startingCredits);
        }
        alertSettings = Map.copyOf(alertSettings);
        identitySettings = Map.copyOf(identitySettings);
        paymentSettings = Map.copyOf(paymentSettings);
        for (int port : new int[] {gatewayPort, ledgerPort, alertPort, paymentPort, consolePort}) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("Ports must be between 1 and 65535, was " + port);
            }
        }
    }

    static PlatformSettings fromEnvironment(Map<String, String> env, Path defaultServicesDir) {
        int gatewayPort = intValue(env, "CREDITGATE_GATEWAY_PORT", 8080);
        return new PlatformSettings(
                pathValue(env, "CREDITGATE_SERVICES_DIR", defaultServicesDir),
                env.getOrDefault("CREDITGATE_SERVICE_KEY", randomKey("cg-service-")),
                env.getOrDefault("CREDITGATE_ADMIN_KEY", randomKey("cg-admin-")),
                blankToNull(env.get("CREDITGATE_UPSTREAM_URL")),
                blankToNull(env.get("OPENAI_API_KEY")),
                longValue(env, "CREDITGATE_STARTING_CREDITS", DEFAULT_STARTING_CREDITS),
                gatewayPort,
                intValue(env, "CREDITGATE_LEDGER_PORT", gatewayPort + 1),
                intValue(env, "CREDITGATE_ALERT_PORT", gatewayPort + 2),
                intValue(env, "CREDITGATE_PAYMENT_PORT", gatewayPort + 3),
                pathValue(env, "CREDITGATE_DATA_DIR", null),
                intValue(env, "CREDITGATE_DEMO_EVENT_DELAY_MS", 25),
                withPrefix(env, "CREDITGATE_ALERT_"),
                intValue(env, "CREDITGATE_CONSOLE_PORT", gatewayPort + 4),
                env.getOrDefault("CREDITGATE_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL),
                env.getOrDefault("CREDITGATE_ADMIN_PASSWORD", randomKey("")),
                withPrefix(env, "CREDITGATE_OIDC_", "CREDITGATE_CONSOLE_"),
                withPrefix(env, "STRIPE_", "CREDITGATE_STRIPE_", "CREDITGATE_PAYMENT_"));
    }

    /** The toString of a record would print every secret; the banner prints what a person needs, once. */
    @Override
    public String toString() {
        return "PlatformSettings[gatewayPort=" + gatewayPort + ", consolePort=" + consolePort + ", adminEmail=" + adminEmail
                + ", upstream=" + (usesDemoUpstream() ? "demo" : upstreamUrl) + ", stripe=" + (usesDemoStripe() ? "demo" : "real") + "]";
    }

    private static Map<String, String> withPrefix(Map<String, String> env, String... prefixes) {
        return env.entrySet().stream()
                .filter(entry -> java.util.Arrays.stream(prefixes).anyMatch(prefix -> entry.getKey().startsWith(prefix)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** True when no real upstream was configured, so the demo upstream answers. */
    boolean usesDemoUpstream() {
        return upstreamUrl == null && openAiApiKey == null;
    }

    /** True when no Stripe secret key was configured, so the demo Stripe takes the payments. */
    boolean usesDemoStripe() {
        return blankToNull(paymentSettings.get("STRIPE_SECRET_KEY")) == null;
    }

    static String randomKey(String prefix) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Path pathValue(Map<String, String> env, String name, Path fallback) {
        String value = blankToNull(env.get(name));
        return value == null ? fallback : Path.of(value);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        return (int) longValue(env, name, fallback);
    }

    private static long longValue(Map<String, String> env, String name, long fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
