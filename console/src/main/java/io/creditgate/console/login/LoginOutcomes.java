package io.creditgate.console.login;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.audit.AccessAudit;
import io.creditgate.console.person.People;
import io.creditgate.console.person.PersonIdentified;
import io.creditgate.console.web.ClientAddress;
import io.creditgate.console.web.PageText;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * What a sign-in leaves behind: a failure counts towards the lockout and is audited; the lockout is told to the
 * person with its end time; a success clears the count and is audited. Any other failure reads the same whether
 * the email exists or not. Every outcome is counted ({@link SignInMetrics}).
 */
@Component
public class LoginOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String MESSAGE = "creditgate.login.message";

    private final People people;
    private final AccessAudit audit;
    private final ConsoleProperties.Login settings;
    private final Clock clock;
    private final PageText pageText;
    private final SignInMetrics metrics;
    private final SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();

    LoginOutcomes(People people, AccessAudit audit, ConsoleProperties properties, Clock clock, PageText pageText,
                  SignInMetrics metrics) {
        this.pageText = pageText;
        this.metrics = metrics;
        this.people = people;
        this.audit = audit;
        this.settings = properties.login();
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        String personId = PersonIdentified.personIdOf(authentication);
        if (personId != null) {
            people.clearFailures(personId);
        }
        audit.record(authentication.getName(), "sign_in_succeeded", personId, Map.of("method", method(authentication)),
                ClientAddress.of(request));
        metrics.count("oidc".equals(method(authentication)) ? SignInMetrics.Method.OIDC : SignInMetrics.Method.PASSWORD,
                SignInMetrics.Outcome.SUCCESS);
        next.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // Counted first: with the database down the lockout's bookkeeping below throws, and that error must count too.
        count(e);
        String email = Optional.ofNullable(request.getParameter("email")).map(String::strip).orElse("");
        Instant now = clock.instant();
        PageText.Texts text = pageText.of(request);
        String message = text.get("message.wrong");
        if (e instanceof OAuth2AuthenticationException oauth) {
            message = text.get("message.idpFailed",
                    Optional.ofNullable(oauth.getError().getDescription()).orElse(oauth.getError().getErrorCode()));
            audit.record("oidc", "sign_in_failed", null, Map.of("reason", oauth.getError().getErrorCode()), ClientAddress.of(request));
        } else if (e instanceof LockedException) {
            Instant until = people.byEmail(email).map(p -> p.lockedUntil()).orElse(now);
            message = lockedMessage(text, until);
            audit.record(email, "sign_in_refused_locked", null, Map.of("lockedUntil", until.toString()), ClientAddress.of(request));
        } else if (!email.isEmpty()) {
            Optional<Instant> lockedUntil = people.countFailure(email, settings.maxFailures(), now.plus(settings.lockDuration()), now);
            boolean lockedNow = lockedUntil.filter(now::isBefore).isPresent();
            audit.record(email, lockedNow ? "person_locked" : "sign_in_failed", null,
                    Map.of("reason", e.getClass().getSimpleName()), ClientAddress.of(request));
            if (lockedNow) {
                message = lockedMessage(text, lockedUntil.get());
            }
        }
        request.getSession().setAttribute(MESSAGE, message);
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    private void count(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException) {
            metrics.count(SignInMetrics.Method.OIDC, SignInMetrics.Outcome.FAILED);
        } else if (e instanceof LockedException) {
            metrics.count(SignInMetrics.Method.PASSWORD, SignInMetrics.Outcome.LOCKED);
        } else if (e instanceof DisabledException) {
            metrics.count(SignInMetrics.Method.PASSWORD, SignInMetrics.Outcome.DISABLED);
        } else if (e instanceof AuthenticationServiceException) {
            // The person could not be looked up (PostgreSQL down): the console's failure, not the person's mistake.
            metrics.count(SignInMetrics.Method.PASSWORD, SignInMetrics.Outcome.ERROR);
        } else {
            metrics.count(SignInMetrics.Method.PASSWORD, SignInMetrics.Outcome.BAD_CREDENTIALS);
        }
    }

    private static String lockedMessage(PageText.Texts text, Instant until) {
        return text.get("message.locked", until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }

    private static String method(Authentication authentication) {
        return authentication.getClass().getSimpleName().startsWith("OAuth2") ? "oidc" : "password";
    }
}
