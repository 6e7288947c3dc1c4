package io.creditgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus}: admins only (a stranger gets 401, anyone else 403, both as JSON); Prometheus scrapes it
 * with an admin's API token and finds the console's own meters, which count sign-ins, link mails and relayed calls
 * with tags that never name a person.
 */
class ConsoleMetricsTest extends ConsoleTestBase {

    private static final String SIGN_INS = "creditgate_console_sign_ins_total";
    private static final String MAILS = "creditgate_console_mails_total";
    private static final String RELAYED = "creditgate_console_relay_seconds_count";

    @Test
    void aStrangerAndANonAdminAreRefusedAsJson() {
        Browser.Response stranger = new Browser(BASE).get("/actuator/prometheus");
        assertThat(stranger.expectStatus(401).errorCode()).isEqualTo("unauthorized");
        assertThat(stranger.header("Content-Type")).contains("application/json");

        Browser person = invitedPerson(newEmail(), "metrics-person-password", "user");
        assertThat(person.get("/actuator/prometheus").expectStatus(403).errorCode()).isEqualTo("forbidden");
        assertThat(scrape(apiToken("user")).expectStatus(403).errorCode()).isEqualTo("forbidden");
        assertThat(scrape("cgt_" + "A".repeat(43)).expectStatus(401).errorCode()).isEqualTo("invalid_token");
    }

    @Test
    void anAdminTokenScrapesSignInsMailsAndRelayedCalls() {
        String token = apiToken("admin");
        Map<String, Double> before = samples(scrape(token).expectStatus(200).body());

        String email = newEmail();
        // An invitation mailed, the password set, a successful sign-in.
        invitedPerson(email, "metrics-person-password", "user");
        // Five wrong passwords lock the person out (the production setting); the sixth attempt is refused as locked.
        Browser mistyper = new Browser(BASE);
        for (int attempt = 1; attempt <= 6; attempt++) {
            mistyper.signIn(email, "not-the-password-" + attempt).expectRedirectTo("/login?error");
        }
        // The per-email bound (10 a minute, as in production) throttles the 11th attempt of one email.
        Browser guesser = new Browser(BASE);
        String guessed = newEmail();
        for (int attempt = 1; attempt <= 11; attempt++) {
            guesser.signIn(guessed, "guess-" + attempt).expectRedirectTo("/login?error");
        }
        // A call relayed to the ledger (the stand-in service answers 200).
        new Browser(BASE).send(HttpRequest.newBuilder(URI.create(BASE + "/api/admin/usage/summary?month=2026-11"))
                .header("Authorization", "Bearer " + token)).expectStatus(200);

        String exposition = scrape(token).expectStatus(200).body();
        Map<String, Double> after = samples(exposition);
        assertThat(increase(before, after, SIGN_INS + "{method=\"password\",outcome=\"success\"}")).isGreaterThanOrEqualTo(1);
        // The person's five wrong passwords (the sixth attempt is refused as locked) and ten guesses before the throttle.
        assertThat(increase(before, after, SIGN_INS + "{method=\"password\",outcome=\"bad_credentials\"}"))
                .isGreaterThanOrEqualTo(15);
        assertThat(increase(before, after, SIGN_INS + "{method=\"password\",outcome=\"locked\"}")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, SIGN_INS + "{method=\"password\",outcome=\"throttled\"}")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, MAILS + "{kind=\"invitation\",outcome=\"sent\"}")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, RELAYED + "{service=\"ledger\",status=\"2xx\"}")).isGreaterThanOrEqualTo(1);
        // The counters alert rules watch exist before their first event (at 0 in a fresh console).
        assertThat(after).containsKeys(SIGN_INS + "{method=\"password\",outcome=\"error\"}",
                SIGN_INS + "{method=\"oidc\",outcome=\"failed\"}", MAILS + "{kind=\"password_reset\",outcome=\"failed\"}",
                MAILS + "{kind=\"invitation\",outcome=\"failed\"}");
        // Tags are fixed words: no email and no path with an id in any series.
        assertThat(exposition).doesNotContain(email).doesNotContain(guessed).doesNotContain("usage/summary");
    }

    /** An API token of the bootstrap admin with one role. */
    private static String apiToken(String role) {
        return admin().postJson("/api/api-tokens", "{\"name\":\"prometheus\",\"roles\":[\"" + role + "\"],\"expiresInDays\":1}")
                .expectStatus(201).json().get("token").asString();
    }

    private static Browser.Response scrape(String token) {
        return new Browser(BASE).send(HttpRequest.newBuilder(URI.create(BASE + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token));
    }

    /** Each sample of the text format, {@code name{labels}} to its value. */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new TreeMap<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("exported: " + series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }
}
