package io.creditgate.console.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleTestBase;
import org.junit.jupiter.api.Test;

class SignInTest extends ConsoleTestBase {

    @Test
    void loginPageHasLabelledFieldsAndTheIdpButton() {
        Browser.Response page = new Browser(BASE).get("/login").expectStatus(200);
        assertThat(page.body()).contains("<label for=\"email\">Email</label>", "<label for=\"password\">Password</label>",
                ">Sign in</button>", "Sign in with Acme SSO", "name=\"_csrf\"");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void adminSignsInWithTheCsrfTokenOfThePageAndSeesThemselves() {
        Browser browser = new Browser(BASE);
        browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD).expectRedirectTo("/");
        assertThat(browser.cookie("CREDITGATE_SESSION")).isPresent();
        Browser.Response me = browser.get("/api/me").expectStatus(200);
        assertThat(me.json().get("email").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(me.json().get("roles").toString()).contains("admin", "user");
        assertThat(me.json().get("accounts").toString()).contains(ADMIN_EMAIL);
        assertThat(auditOf("sign_in_succeeded", me.json().get("id").asString())).isNotEmpty();
        // The session is in the database, so another console instance or a restart knows it.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = ?", Long.class, ADMIN_EMAIL))
                .isPositive();
    }

    @Test
    void signInWithoutCsrfTokenIsRefused() {
        Browser browser = new Browser(BASE);
        browser.get("/login");
        Browser.Response response = browser.postForm("/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        assertThat(response.status()).isEqualTo(403);
        assertThat(browser.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownEmailReadTheSame() {
        Browser browser = new Browser(BASE);
        browser.signIn(ADMIN_EMAIL.toUpperCase(), "not-the-password").expectRedirectTo("/login?error");
        String wrongPassword = browser.get("/login?error").body();
        browser.signIn(newEmail(), "whatever-password").expectRedirectTo("/login?error");
        String unknownEmail = browser.get("/login?error").body();
        assertThat(wrongPassword).contains("Email or password is wrong.");
        assertThat(withoutCsrf(wrongPassword)).isEqualTo(withoutCsrf(unknownEmail));
    }

    @Test
    void theSignInPagesSpeakBrazilianPortugueseToABrowserThatAsksForIt() {
        Browser browser = new Browser(BASE);
        String page = inPortuguese(browser, "/login");
        assertThat(page).contains("<html lang=\"pt-BR\">", ">E-mail</label>", ">Senha</label>", ">Entrar</button>",
                "Esqueceu a senha?");
        // Any Portuguese first is Brazilian Portuguese here; English (and anything else) gets English.
        assertThat(send(browser, "/login", "pt-PT,pt;q=0.9")).contains(">Senha</label>");
        assertThat(send(browser, "/login", "de-DE,en;q=0.5")).contains("<html lang=\"en\">", ">Password</label>", ">Sign in</button>");
        assertThat(send(browser, "/login", "fr-FR")).contains(">Password</label>");
        assertThat(inPortuguese(browser, "/forgot-password")).contains("Envie-me um link", "Voltar para entrar");
        assertThat(inPortuguese(browser, "/set-password")).contains(">Nova senha</label>", ">Repita a senha</label>",
                ">Definir senha</button>");

        // A failed sign-in from that browser is explained in Portuguese too.
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "email=" + java.net.URLEncoder.encode(ADMIN_EMAIL, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=not-the-password&_csrf=" + csrf.group(1);
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + "/login"))
                .header("Accept-Language", "pt-BR").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))).expectRedirectTo("/login?error");
        assertThat(inPortuguese(browser, "/login?error")).contains("E-mail ou senha incorretos.");
    }

    private static String inPortuguese(Browser browser, String path) {
        return send(browser, path, "pt-BR,pt;q=0.9,en;q=0.8");
    }

    private static String send(Browser browser, String path, String languages) {
        return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + path))
                .header("Accept-Language", languages).GET()).expectStatus(200).body();
    }

    private static String withoutCsrf(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }

    @Test
    void apisAnswer401JsonAndPagesRedirectWhenNotSignedIn() {
        Browser stranger = new Browser(BASE);
        Browser.Response api = stranger.get("/api/me").expectStatus(401);
        assertThat(api.errorCode()).isEqualTo("unauthorized");
        assertThat(stranger.get("/").location()).isEqualTo("/login");
    }

    @Test
    void fiveFailuresInARowLockThePersonUntilATimeTheLoginPageTells() {
        String email = newEmail();
        String password = "correct-horse-" + email;
        Browser person = invitedPerson(email, password);
        person.get("/api/me").expectStatus(200);
        Browser attacker = new Browser(BASE);
        for (int i = 0; i < 4; i++) {
            attacker.signIn(email, "wrong-password-" + i).expectRedirectTo("/login?error");
            assertThat(attacker.get("/login?error").body()).contains("Email or password is wrong.");
        }
        attacker.signIn(email, "wrong-password-5").expectRedirectTo("/login?error");
        assertThat(attacker.get("/login?error").body()).contains("locked until");
        // Even the right password is refused while locked.
        Browser owner = new Browser(BASE);
        owner.signIn(email, password).expectRedirectTo("/login?error");
        assertThat(owner.get("/login?error").body()).contains("locked until");
        assertThat(auditOf("person_locked", null)).anySatisfy(row -> assertThat(row.get("actor")).isEqualTo(email));
        // A new password through a reset link lifts the lock.
        new Browser(BASE).submit("/forgot-password", "/forgot-password", Map.of("email", email)).expectStatus(200);
        String newPassword = "another-horse-" + email;
        new Browser(BASE).setPassword(linkIn(awaitMailTo(email, "Reset")), newPassword).expectRedirectTo("/login?password-set");
        new Browser(BASE).signIn(email, newPassword).expectRedirectTo("/");
    }

    @Test
    void throttleRefusesManySignInsForOneEmailWithinAMinute() {
        String email = newEmail();
        Browser browser = new Browser(BASE);
        String last = null;
        for (int i = 0; i < 11; i++) {
            browser.signIn(email, "guess-" + i).expectRedirectTo("/login?error");
            last = browser.get("/login?error").body();
        }
        assertThat(last).contains(LoginThrottleFilter.THROTTLED);
    }

    @Test
    void noOtherOriginIsAllowedByCors() {
        Browser.Response preflight = new Browser(BASE).send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + "/api/me"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"));
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Browser.Response simple = admin().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + "/api/me"))
                .header("Origin", "https://evil.example"));
        assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void signOutEndsTheSession() {
        Browser browser = invitedPerson(newEmail(), "signing-out-password");
        // The dashboard signs out as any of its writes: the XSRF-TOKEN cookie's value echoed in X-XSRF-TOKEN.
        browser.get("/app/").expectStatus(200);
        assertThat(browser.cookie("XSRF-TOKEN")).as("the dashboard's page hands out the CSRF cookie").isPresent();
        browser.sendJson("POST", "/logout", null).expectRedirectTo("/login?logout");
        browser.get("/api/me").expectStatus(401);
    }
}
