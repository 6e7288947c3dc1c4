package io.creditgate.console.invitation;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.web.ClientAddress;
import io.creditgate.console.web.Html;
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

    static final String SENT = "If an account exists for that email, we sent it a link to choose a new password.";
    static final String LINK_INVALID = "This link is not valid any more: it was used or it expired. Ask for a new one.";

    private final Invitations invitations;
    private final ConsoleProperties properties;

    PasswordPages(Invitations invitations, ConsoleProperties properties) {
        this.invitations = invitations;
        this.properties = properties;
    }

    @GetMapping("/forgot-password")
    ResponseEntity<String> forgotForm(HttpServletRequest request) {
        return Html.page(200, "Forgot password", """
                <form method="post" action="/forgot-password">
                <label for="email">Email</label><input id="email" name="email" type="email" required>
                """ + Html.csrfField(request) + """
                <button type="submit">Send me a link</button></form>
                <p><a href="/login">Back to sign in</a></p>""");
    }

    @PostMapping("/forgot-password")
    ResponseEntity<String> forgot(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
        if (!email.isBlank()) {
            invitations.requestReset(email, ClientAddress.of(request));
        }
        return Html.page(200, "Forgot password", Html.message(SENT) + "<p><a href=\"/login\">Back to sign in</a></p>");
    }

    /** The link's token is in the fragment (#token=...), so the server sees it only when the form posts it. */
    @GetMapping("/set-password")
    ResponseEntity<String> setForm(HttpServletRequest request) {
        return form(200, "", null, request);
    }

    @PostMapping("/set-password")
    ResponseEntity<String> set(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
                               @RequestParam(defaultValue = "") String confirmation, HttpServletRequest request) {
        String problem = Invitations.passwordProblem(password, confirmation);
        if (problem != null) {
            return form(HttpStatus.BAD_REQUEST.value(), token, problem, request);
        }
        if (token.isBlank() || !invitations.setPassword(token, password, ClientAddress.of(request))) {
            return Html.page(HttpStatus.GONE.value(), "Set password", Html.message(LINK_INVALID)
                    + "<p><a href=\"/forgot-password\">Get a new link</a></p>");
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/login?password-set").build();
    }

    private ResponseEntity<String> form(int status, String token, String problem, HttpServletRequest request) {
        return Html.page(status, "Set password", Html.message(problem) + """
                <form method="post" action="/set-password">
                <input type="hidden" id="token" name="token" value="%s">
                <label for="password">New password</label><input id="password" name="password" type="password" minlength="%d" autocomplete="new-password" required>
                <label for="confirmation">Repeat it</label><input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
                %s<button type="submit">Set password</button></form>
                <noscript><p class="message">This page needs JavaScript to read the link from your mail.</p></noscript>
                <script>
                  // Move the link's token from the fragment into the form, then drop it from the address bar.
                  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
                  if (fromLink) { document.getElementById('token').value = fromLink; history.replaceState(null, '', location.pathname); }
                </script>""".formatted(Html.escape(token),
                Invitations.PASSWORD_CHARS_MIN, Html.csrfField(request)));
    }
}
