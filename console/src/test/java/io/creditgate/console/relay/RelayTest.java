package io.creditgate.console.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import com.nimbusds.jwt.SignedJWT;
import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleTestBase;
import io.creditgate.console.Downstream;
import io.creditgate.schemas.identity.CreditgateToken;
import org.junit.jupiter.api.Test;

class RelayTest extends ConsoleTestBase {

    @Test
    void aSignedInPersonsCallIsRelayedWithTheirTokenAndWithoutTheirCookies() {
        String email = newEmail();
        Browser person = invitedPerson(email, "relay-password-" + email);
        Browser.Response answer = person.get("/api/accounts/" + email + "?from=2026-01-01&limit=5").expectStatus(200);

        Downstream.Seen seen = DOWNSTREAM.last();
        assertThat(seen.uri()).isEqualTo("/api/accounts/" + email + "?from=2026-01-01&limit=5");
        assertThat(seen.cookie()).as("the browser's cookies stay at the console").isNull();
        assertThat(seen.jwt().getClaimAsString(CreditgateToken.EMAIL)).isEqualTo(email);
        assertThat(seen.jwt().getClaimAsStringList(CreditgateToken.ACCOUNTS)).containsExactly(email);
        assertThat(seen.jwt().getClaimAsStringList(CreditgateToken.ROLES)).containsExactly("user");
        assertThat(seen.jwt().getClaimAsString(CreditgateToken.TOKEN_USE)).isEqualTo(CreditgateToken.SESSION);
        assertThat(answer.json().get("sub").asString()).startsWith("p-");
        assertThat(answer.header("Set-Cookie")).as("the service's cookies do not reach the browser").isNull();
    }

    @Test
    void theRelayedTokenIsReusedWithinTheSessionUntilNearItsExpiry() throws Exception {
        Browser admin = admin();
        admin.get("/api/plans").expectStatus(200);
        String first = DOWNSTREAM.last().authorization();
        admin.get("/api/users/" + ADMIN_EMAIL + "/preferences").expectStatus(200);
        assertThat(DOWNSTREAM.last().authorization()).isEqualTo(first);
        assertThat(SignedJWT.parse(first.substring(7)).getJWTClaimsSet().getExpirationTime()).isInTheFuture();
    }

    /**
     * A dashboard page fires several API calls at once on a fresh session, each wanting to keep the relayed token in
     * the session: the session store must take the same new attribute from all of them (an upsert), not fail one
     * with a duplicate key.
     */
    @Test
    void manyFirstCallsOfOneSessionAtOnceAreAllRelayed() throws Exception {
        String email = newEmail();
        Browser person = invitedPerson(email, "relay-password-" + email);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> person.get("/api/accounts/" + email).status()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRoleChangeReachesTheRelayedTokenAtOnce() {
        String email = newEmail();
        Browser person = invitedPerson(email, "role-change-password-" + email);
        person.get("/api/plans").expectStatus(200);
        assertThat(DOWNSTREAM.last().jwt().getClaimAsStringList(CreditgateToken.ROLES)).containsExactly("user");
        Browser admin = admin();
        String id = person.get("/api/me").json().get("id").asString();
        admin.sendJson("PUT", "/api/people/" + id + "/roles", "{\"roles\":[\"finance\"]}").expectStatus(200);
        person.get("/api/plans").expectStatus(200);
        assertThat(DOWNSTREAM.last().jwt().getClaimAsStringList(CreditgateToken.ROLES)).containsExactlyInAnyOrder("user", "finance");
    }

    @Test
    void postsNeedTheCsrfTokenAndCarryTheirBody() {
        Browser admin = admin();
        admin.postJson("/api/admin/accounts/x/grants", "{\"credits\":5}").expectStatus(200);
        assertThat(DOWNSTREAM.last().body()).isEqualTo("{\"credits\":5}");
        assertThat(DOWNSTREAM.last().method()).isEqualTo("POST");
        Browser.Response forged = admin.send(HttpRequest.newBuilder(java.net.URI.create(BASE + "/api/admin/accounts/x/grants"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(forged.status()).as("no X-XSRF-TOKEN header: a cross-site form cannot post").isEqualTo(403);
    }

    @Test
    void strangersAreRefusedBeforeAnythingIsRelayed() {
        int before = DOWNSTREAM.seen().size();
        Browser stranger = new Browser(BASE);
        assertThat(stranger.get("/api/accounts/anyone").expectStatus(401).errorCode()).isEqualTo("unauthorized");
        assertThat(stranger.send(HttpRequest.newBuilder(java.net.URI.create(BASE + "/api/accounts/anyone"))
                .header("Authorization", "Bearer not-a-console-token")).status()).isEqualTo(401);
        assertThat(DOWNSTREAM.seen()).hasSize(before);
    }

    @Test
    void aPathNoServiceOwnsIsRefused() {
        assertThat(admin().get("/api/nothing-here").status()).isIn(403, 404);
    }

    @Test
    void anUnreachableServiceIsABadGateway() {
        // The payment service is not running in this test: the default URL points at a closed port.
        Browser.Response answer = admin().get("/api/payments/anything");
        assertThat(answer.status()).isIn(502, 504);
        assertThat(answer.errorCode()).startsWith("service_");
    }
}
