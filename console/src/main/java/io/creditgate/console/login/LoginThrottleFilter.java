package io.creditgate.console.login;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.creditgate.console.ConsoleProperties;
import io.creditgate.console.web.ClientAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the sign-in POSTs per email and per client address in each minute, before any password is checked, so
 * guessing is slow even across many emails (the lockout alone only protects one). Counts live in this instance's
 * memory: with N instances behind a balancer the bound is N times the setting. Each refusal is counted
 * ({@link SignInMetrics}, outcome throttled).
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    static final String THROTTLED = "Too many sign-in attempts. Wait a minute and try again.";
    /** Above this many keys the map is cleared: memory stays bounded under a flood of distinct emails. */
    private static final int KEYS_MAX = 100_000;
    private static final long WINDOW_MILLIS = 60_000;

    private final ConsoleProperties.Login settings;
    private final Clock clock;
    private final SignInMetrics metrics;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public LoginThrottleFilter(ConsoleProperties properties, Clock clock, SignInMetrics metrics) {
        this.settings = properties.login();
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Attempts counted since {@code startedAtMillis}; a window lasts one minute from its first attempt. */
    private record Window(long startedAtMillis, int count) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = String.valueOf(request.getParameter("email")).strip().toLowerCase(Locale.ROOT);
        boolean allowed = count("ip:" + ClientAddress.of(request)) <= settings.perIpPerMinute()
                & count("email:" + email) <= settings.perEmailPerMinute();
        if (!allowed) {
            metrics.count(SignInMetrics.Method.PASSWORD, SignInMetrics.Outcome.THROTTLED);
            request.getSession().setAttribute(LoginOutcomes.MESSAGE, THROTTLED);
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        chain.doFilter(request, response);
    }

    private int count(String key) {
        if (windows.size() > KEYS_MAX) {
            windows.clear();
        }
        // From the first attempt, not aligned to the clock's minutes: an aligned window would let a burst that
        // straddles a minute boundary through at twice the bound.
        long now = clock.millis();
        return windows.compute(key, (k, w) -> w == null || now - w.startedAtMillis() >= WINDOW_MILLIS ? new Window(now, 1)
                : new Window(w.startedAtMillis(), w.count() + 1)).count();
    }
}
