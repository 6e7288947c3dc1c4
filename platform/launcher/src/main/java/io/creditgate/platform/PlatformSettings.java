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
 */
record PlatformSettings(Path servicesDir, String serviceKey, String adminKey, String upstreamUrl, String openAiApiKey,
                        long startingCredits, int gatewayPort, int ledgerPort, int alertPort, int paymentPort,
                        Path dataDir, int demoEventDelayMs, Map<String, String> alertSettings) {

    static final long DEFAULT_STARTING_CREDITS = 1_000_000L;

    PlatformSettings {
        if (startingCredits < 0) {
            throw new IllegalArgumentException("CREDITGATE_STARTING_CREDITS must be 0 or more, was " + startingCredits);
        }
        alertSettings = Map.copyOf(alertSettings);
        for (int port : new int[] {gatewayPort, ledgerPort, alertPort, paymentPort}) {
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
                env.entrySet().stream().filter(entry -> entry.getKey().startsWith("CREDITGATE_ALERT_"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** True when no real upstream was configured, so the demo upstream answers. */
    boolean usesDemoUpstream() {
        return upstreamUrl == null && openAiApiKey == null;
    }

    private static String randomKey(String prefix) {
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
