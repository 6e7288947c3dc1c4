package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    @Test
    void needsNoEnvironmentAtAll() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of(), Path.of("services"));
        assertThat(settings.usesDemoUpstream()).isTrue();
        assertThat(settings.gatewayPort()).isEqualTo(8080);
        assertThat(settings.ledgerPort()).isEqualTo(8081);
        assertThat(settings.alertPort()).isEqualTo(8082);
        assertThat(settings.paymentPort()).isEqualTo(8083);
        assertThat(settings.startingCredits()).isEqualTo(1_000_000L);
        assertThat(settings.serviceKey()).startsWith("cg-service-").hasSizeGreaterThan(40);
        assertThat(settings.adminKey()).startsWith("cg-admin-").isNotEqualTo(settings.serviceKey());
    }

    @Test
    void takesKeysAndUpstreamFromTheEnvironment() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of(
                "CREDITGATE_SERVICE_KEY", "svc", "CREDITGATE_ADMIN_KEY", "adm", "OPENAI_API_KEY", "sk-x",
                "CREDITGATE_STARTING_CREDITS", "5_000_000"), Path.of("services"));
        assertThat(settings.serviceKey()).isEqualTo("svc");
        assertThat(settings.adminKey()).isEqualTo("adm");
        assertThat(settings.usesDemoUpstream()).isFalse();
        assertThat(settings.startingCredits()).isEqualTo(5_000_000L);
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> PlatformSettings.fromEnvironment(Map.of("CREDITGATE_STARTING_CREDITS", "lots"), Path.of(".")))
                .hasMessageContaining("CREDITGATE_STARTING_CREDITS").hasMessageContaining("lots");
        assertThatThrownBy(() -> PlatformSettings.fromEnvironment(Map.of("CREDITGATE_STARTING_CREDITS", "-1"), Path.of(".")))
                .hasMessageContaining("CREDITGATE_STARTING_CREDITS");
        assertThatThrownBy(() -> PlatformSettings.fromEnvironment(Map.of("CREDITGATE_GATEWAY_PORT", "70000"), Path.of(".")))
                .hasMessageContaining("70000");
    }

    @Test
    void theLibreChatSnippetCarriesTheKeyAndTheUserHeaders() {
        String yaml = Banner.libreChatYaml("http://127.0.0.1:8080", "svc-key", "{{LIBRECHAT_USER_EMAIL}}");
        assertThat(yaml).contains("apiKey: \"svc-key\"", "baseURL: \"http://127.0.0.1:8080/v1\"",
                "X-User-Id: \"{{LIBRECHAT_USER_EMAIL}}\"");
    }

    @Test
    void libreChatNamesTheAccountTheConsoleMatchesThePersonTo() {
        Path dir = Path.of(".");
        assertThat(Banner.userIdPlaceholder(PlatformSettings.fromEnvironment(Map.of(), dir)))
                .as("built-in accounts sign in by email").isEqualTo("{{LIBRECHAT_USER_EMAIL}}");
        assertThat(Banner.userIdPlaceholder(PlatformSettings.fromEnvironment(
                Map.of("CREDITGATE_OIDC_ISSUER_URI", "https://idp.example.com/realms/acme"), dir)))
                .as("the IdP's subject by default").isEqualTo("{{LIBRECHAT_USER_OPENIDID}}");
        assertThat(Banner.userIdPlaceholder(PlatformSettings.fromEnvironment(Map.of(
                "CREDITGATE_OIDC_ISSUER_URI", "https://idp.example.com/realms/acme", "CREDITGATE_OIDC_ACCOUNT_CLAIM", "email"), dir)))
                .isEqualTo("{{LIBRECHAT_USER_EMAIL}}");
    }

    @Test
    void theFirstAdminAndTheConsolePortHaveDefaultsAndSecretsStayOutOfToString() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("CREDITGATE_GATEWAY_PORT", "9000",
                "CREDITGATE_ADMIN_KEY", "admin-key-secret"), Path.of("."));
        assertThat(settings.consolePort()).isEqualTo(9004);
        assertThat(settings.adminEmail()).isEqualTo("admin@creditgate.local");
        assertThat(settings.adminPassword()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(settings.toString()).doesNotContain("admin-key-secret", settings.adminPassword(), settings.serviceKey());
    }

    @Test
    void theCommandLineTakesTheInfrastructureAndVerboseOptionsOnly() {
        assertThat(Creditgate.options(Map.of())).isEqualTo(new Creditgate.Options(false, false));
        assertThat(Creditgate.options(Map.of(), "--infrastructure-only")).isEqualTo(new Creditgate.Options(true, false));
        assertThat(Creditgate.options(Map.of(), "--verbose", "--infrastructure-only")).isEqualTo(new Creditgate.Options(true, true));
        assertThatThrownBy(() -> Creditgate.options(Map.of(), "--loud"))
                .hasMessageContaining("--loud").hasMessageContaining("usage:");
    }

    @Test
    void theEnvironmentCanAskForTheServicesLogsOnTheTerminal() {
        assertThat(Creditgate.options(Map.of("CREDITGATE_VERBOSE", "true")).verbose()).isTrue();
        assertThat(Creditgate.options(Map.of("CREDITGATE_VERBOSE", "false")).verbose()).isFalse();
        assertThat(Creditgate.options(Map.of("CREDITGATE_VERBOSE", "false"), "--verbose").verbose()).isTrue();
    }
}
