package io.creditgate.console.apitoken;

import java.io.IOException;
import java.util.Optional;

import io.creditgate.web.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} and {@code /actuator/**} calls that carry {@code Authorization: Bearer cgt_...}, looked
 * up on every call so a revocation applies to the next one. Such a call has no session; any other bearer value is
 * refused (the console takes no JWT from outside). The actuator is the scripts' too: Prometheus scrapes
 * {@code /actuator/prometheus} with an admin's API token.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;

    public ApiTokenFilter(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String path = request.getServletPath();
        return header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !(path.startsWith("/api/") || path.startsWith("/actuator/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).strip();
        Optional<ApiToken> token = secret.startsWith(ApiTokenService.PREFIX) ? tokens.authenticate(secret) : Optional.empty();
        if (token.isEmpty()) {
            ApiErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token",
                    "The API token is unknown, revoked or expired.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(new ApiTokenPrincipal(token.get()), null,
                token.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
