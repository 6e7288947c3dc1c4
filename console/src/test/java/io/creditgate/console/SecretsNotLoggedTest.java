package io.creditgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Runs the sign-in, invitation, reset and API-token journeys with Spring Security and the console logging at DEBUG,
 * captures everything written to the console's output, and looks for each secret the journeys used.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest extends ConsoleTestBase {

    private static final List<String> VERBOSE = List.of("org.springframework.security", "io.creditgate", "org.springframework.web",
            "org.springframework.session");
    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void verbose() {
        VERBOSE.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    }

    @AfterEach
    void quiet() {
        VERBOSE.forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    void noPasswordLinkTokenApiTokenOrSessionIdReachesTheLog(CapturedOutput output) {
        List<String> secrets = new ArrayList<>();
        String email = newEmail();
        String password = "logged-never-" + email.substring(2, 10);
        secrets.add(password);
        admin().postJson("/api/people", "{\"email\":\"" + email + "\"}").expectStatus(201);
        String invitation = linkIn(awaitMailTo(email, "invited"));
        secrets.add(invitation.substring(invitation.indexOf("#token=") + 7));
        Browser person = new Browser(BASE);
        person.setPassword(invitation, password).expectRedirectTo("/login?password-set");
        String wrong = "wrong-guess-" + email.substring(2, 10);
        secrets.add(wrong);
        new Browser(BASE).signIn(email, wrong).expectRedirectTo("/login?error");
        person.signIn(email, password).expectRedirectTo("/");
        String sessionCookie = person.cookie("CREDITGATE_SESSION").orElseThrow();
        secrets.add(sessionCookie);
        // Spring Session's cookie holds the session id in base64: look for the id itself too.
        secrets.add(new String(java.util.Base64.getDecoder().decode(sessionCookie), java.nio.charset.StandardCharsets.UTF_8));
        person.get("/api/accounts/" + email).expectStatus(200);

        new Browser(BASE).submit("/forgot-password", "/forgot-password", Map.of("email", email)).expectStatus(200);
        String reset = linkIn(awaitMailTo(email, "Reset"));
        secrets.add(reset.substring(reset.indexOf("#token=") + 7));
        String newPassword = "another-never-" + email.substring(2, 10);
        secrets.add(newPassword);
        new Browser(BASE).setPassword(reset, newPassword).expectRedirectTo("/login?password-set");

        String apiToken = admin().postJson("/api/api-tokens", "{\"name\":\"log test\",\"roles\":[\"admin\"],\"expiresInDays\":1}")
                .expectStatus(201).json().get("token").asString();
        secrets.add(apiToken);
        new Browser(BASE).send(HttpRequest.newBuilder(URI.create(BASE + "/api/plans")).header("Authorization", "Bearer " + apiToken))
                .expectStatus(200);
        String relayed = DOWNSTREAM.last().authorization().substring("Bearer ".length());
        secrets.add(relayed);
        secrets.add(ADMIN_PASSWORD);

        String log = output.getAll();
        assertThat(log).as("the journeys were logged at DEBUG at all").contains("DEBUG");
        for (String secret : secrets) {
            assertThat(log).as("a secret in the log").doesNotContain(secret);
        }
    }
}
