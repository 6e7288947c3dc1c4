package io.creditgate.console.invitation;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.web.ClientAddress;
import io.creditgate.console.web.Html;
import io.creditgate.console.web.PageText;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Forgot password" and "set password" pages, reached without signing in. */
@RestController
class PasswordPages {

    private final Invitations invitations;
    private final ConsoleProperties properties;
    private final PageText pageText;

    PasswordPages(Invitations invitations, ConsoleProperties properties, PageText pageText) {
        this.invitations = invitations;
        this.properties = properties;
        this.pageText = pageText;
    }

    @GetMapping("/forgot-password")
    ResponseEntity<String> forgotForm(HttpServletRequest request) {
        PageText.Texts text = pageText.of(request);
        return Html.page(200, text, text.get("page.forgotPassword"), """
                <form method="post" action="/forgot-password">
                <label for="email">%s</label><input id="email" name="email" type="email" required>
                %s<button type="submit">%s</button></form>
                <p><a href="/login">%s</a></p>""".formatted(Html.escape(text.get("field.email")), Html.csrfField(request),
                Html.escape(text.get("button.sendLink")), Html.escape(text.get("link.backToSignIn"))));
    }

    @PostMapping("/forgot-password")
    ResponseEntity<String> forgot(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
        if (!email.isBlank()) {
            invitations.requestReset(email, ClientAddress.of(request));
        }
        PageText.Texts text = pageText.of(request);
        return Html.page(200, text, text.get("page.forgotPassword"), Html.message(text.get("message.linkSent"))
                + "<p><a href=\"/login\">" + Html.escape(text.get("link.backToSignIn")) + "</a></p>");
    }

    /** The link's token is in the fragment (#token=...), so the server sees it only when the form posts it. */
    @GetMapping("/set-password")
    ResponseEntity<String> setForm(HttpServletRequest request) {
        return form(200, "", null, request);
    }

    @PostMapping("/set-password")
    ResponseEntity<String> set(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
                               @RequestParam(defaultValue = "") String confirmation, HttpServletRequest request) {
        PageText.Texts text = pageText.of(request);
        String problem = Invitations.passwordProblem(password, confirmation, text);
        if (problem != null) {
            return form(HttpStatus.BAD_REQUEST.value(), token, problem, request);
        }
        if (token.isBlank() || !invitations.setPassword(token, password, ClientAddress.of(request))) {
            return Html.page(HttpStatus.GONE.value(), text, text.get("page.setPassword"), Html.message(text.get("message.linkInvalid"))
                    + "<p><a href=\"/forgot-password\">" + Html.escape(text.get("link.newLink")) + "</a></p>");
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/login?password-set").build();
    }

    private ResponseEntity<String> form(int status, String token, String problem, HttpServletRequest request) {
        PageText.Texts text = pageText.of(request);
        return Html.page(status, text, text.get("page.setPassword"), Html.message(problem) + """
                <form method="post" action="/set-password">
                <input type="hidden" id="token" name="token" value="%s">
                <label for="password">%s</label><input id="password" name="password" type="password" minlength="%d" autocomplete="new-password" required>
                <label for="confirmation">%s</label><input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
                %s<button type="submit">%s</button></form>
                <noscript><p class="message">%s</p></noscript>
                <script>
                  // Move the link's token from the fragment into the form, then drop it from the address bar.
                  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
                  if (fromLink) { document.getElementById('token').value = fromLink; history.replaceState(null, '', location.pathname); }
                </script>""".formatted(Html.escape(token), Html.escape(text.get("field.newPassword")),
                Invitations.PASSWORD_CHARS_MIN, Html.escape(text.get("field.repeat")), Html.csrfField(request),
                Html.escape(text.get("button.setPassword")), Html.escape(text.get("message.needsScript"))));
    }
}
