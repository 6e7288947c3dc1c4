package io.creditgate.console.login;

import io.creditgate.console.federation.OidcProperties;
import io.creditgate.console.web.Html;
import io.creditgate.console.web.PageText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sign-in page (form login posts to /login, handled by Spring Security), in the browser's language. */
@RestController
class LoginPages {

    private final OidcProperties oidc;
    private final PageText pageText;

    LoginPages(OidcProperties oidc, PageText pageText) {
        this.oidc = oidc;
        this.pageText = pageText;
    }

    @GetMapping("/login")
    ResponseEntity<String> login(HttpServletRequest request) {
        PageText.Texts text = pageText.of(request);
        StringBuilder body = new StringBuilder(Html.message(takeMessage(request)));
        if (request.getParameter("logout") != null) {
            body.append(Html.message(text.get("message.signedOut")));
        }
        if (request.getParameter("password-set") != null) {
            body.append(Html.message(text.get("message.passwordSet")));
        }
        body.append("""
                <form method="post" action="/login">
                <label for="email">%s</label><input id="email" name="email" type="email" autocomplete="username" required>
                <label for="password">%s</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                %s<button type="submit">%s</button>
                </form>
                <p><a href="/forgot-password">%s</a></p>
                """.formatted(Html.escape(text.get("field.email")), Html.escape(text.get("field.password")),
                Html.csrfField(request), Html.escape(text.get("button.signIn")), Html.escape(text.get("link.forgotPassword"))));
        if (oidc.enabled()) {
            body.append("<p><a class=\"button\" href=\"/oauth2/authorization/idp\">")
                    .append(Html.escape(text.get("button.signInWith", oidc.name()))).append("</a></p>");
        }
        return Html.page(200, text, text.get("page.signIn"), body.toString());
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
