package io.creditgate.console.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleTestBase;
import io.creditgate.web.testing.OpenApiSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The console serves the built dashboard at /app/ to signed-in people (decision 57): the front door, the app's own
 * routes (index.html for the router), hashed assets cached for a year, a missing asset a 404 (never the page), and
 * nothing at all to a stranger. Also the console's OpenAPI document, which the dashboard's types come from.
 */
class DashboardServingTest extends ConsoleTestBase {

    @Test
    void aStrangerIsSentToSignInForEveryDashboardPath() {
        Browser stranger = new Browser(BASE);
        for (String path : new String[] {"/", "/app", "/app/", "/app/statement", "/app/admin/users/alice", "/app/index.html"}) {
            assertThat(stranger.get(path).expectStatus(302).location()).as(path).endsWith("/login");
        }
        String asset = anAssetPath(invitedPerson(newEmail(), "dashboard-serving-password").get("/app/").body());
        assertThat(stranger.get(asset).expectStatus(302).location()).endsWith("/login");
    }

    @Test
    void signInLandsOnTheDashboardAndItsRoutesAreTheAppsPage() {
        Browser user = invitedPerson(newEmail(), "dashboard-serving-password");
        assertThat(user.get("/").expectStatus(302).location()).endsWith("/app/");
        assertThat(user.get("/app").expectStatus(302).location()).endsWith("/app/");
        // The old buy page's address (in 402 answers, sent emails, Stripe sessions opened before the move) keeps its query.
        assertThat(user.get("/buy?checkout=success&session_id=cs_test_1").expectStatus(302).location())
                .endsWith("/app/buy?checkout=success&session_id=cs_test_1");

        Browser.Response page = user.get("/app/").expectStatus(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).contains("no-cache");
        assertThat(page.body()).contains("<div id=\"root\">");
        // A deep link is the same page: the app's router draws it.
        assertThat(user.get("/app/statement").expectStatus(200).body()).isEqualTo(page.body());
        assertThat(user.get("/app/admin/users/someone%40example.com").expectStatus(200).body()).isEqualTo(page.body());

        String asset = anAssetPath(page.body());
        Browser.Response script = user.get(asset).expectStatus(200);
        assertThat(script.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        assertThat(script.body()).doesNotContain("<div id=\"root\">");
        // A missing file is a 404, not the page (a stale tab asking for an old asset must not get HTML as script).
        assertThat(user.get("/app/assets/no-such-file-0000.js").status()).isEqualTo(404);
        assertThat(user.get("/app/no-such-file.css").status()).isEqualTo(404);
    }

    @Test
    void theConsolesOwnApisAreDescribedForSignedInPeople() {
        Browser user = invitedPerson(newEmail(), "dashboard-serving-password");
        Browser.Response docs = user.get("/v3/api-docs").expectStatus(200);
        assertThat(docs.json().get("paths").has("/api/me")).isTrue();
        assertThat(docs.json().get("paths").has("/api/people")).isTrue();
        // The relay's catch-all is no API of the console's, and pages are not APIs.
        assertThat(docs.json().get("paths").has("/api/**")).isFalse();
        assertThat(docs.json().get("paths").has("/login")).isFalse();
        OpenApiSnapshot.assertCommitted("console", docs.body());
        assertThat(new Browser(BASE).get("/v3/api-docs").expectStatus(302).location()).endsWith("/login");
    }

    private static String anAssetPath(String indexHtml) {
        Matcher script = Pattern.compile("src=\"(/app/assets/[^\"]+\\.js)\"").matcher(indexHtml);
        assertThat(script.find()).as("index.html names its script: " + indexHtml).isTrue();
        return script.group(1);
    }
}
