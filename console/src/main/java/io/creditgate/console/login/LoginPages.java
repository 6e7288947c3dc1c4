package io.creditgate.console.login;

import io.creditgate.console.federation.OidcProperties;
import io.creditgate.console.web.Html;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sign-in page (form login posts to /login, handled by Spring Security) and the signed-in home page. */
@RestController
class LoginPages {

    private final OidcProperties oidc;

    LoginPages(OidcProperties oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/login")
    ResponseEntity<String> login(HttpServletRequest request) {
        StringBuilder body = new StringBuilder(Html.message(takeMessage(request)));
        if (request.getParameter("logout") != null) {
            body.append(Html.message("You are signed out."));
        }
        if (request.getParameter("password-set") != null) {
            body.append(Html.message("Your password is set. Sign in with it."));
        }
        body.append("""
                <form method="post" action="/login">
                <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
                <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                """).append(Html.csrfField(request)).append("""
                <button type="submit">Sign in</button>
                </form>
                <p><a href="/forgot-password">Forgot password?</a></p>
                """);
        if (oidc.enabled()) {
            body.append("<p><a class=\"button\" href=\"/oauth2/authorization/idp\">Sign in with ").append(Html.escape(oidc.name()))
                    .append("</a></p>");
        }
        return Html.page(200, "Sign in", body.toString());
    }

    private static String takeMessage(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object message = session.getAttribute(LoginOutcomes.MESSAGE);
        session.removeAttribute(LoginOutcomes.MESSAGE);
        return message == null ? null : message.toString();
    }
}
