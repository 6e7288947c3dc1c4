package io.creditgate.console.relay;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.creditgate.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Which service owns which /api path (docs/security.md has the table). Routing by path keeps one table for the
 * whole platform instead of one per service; the services' own paths stay stable.
 */
@Component
public class ServiceRoutes implements RequestMatcher {

    private record Route(Pattern path, String service) {
    }

    private static final List<Route> ROUTES = List.of(
            prefix("/api/keys", "gateway"), prefix("/api/prices", "gateway"), prefix("/api/admin/price-changes", "gateway"),
            prefix("/api/accounts", "ledger"), prefix("/api/admin/accounts", "ledger"), prefix("/api/admin/audit", "ledger"),
            prefix("/api/admin/usage", "ledger"), prefix("/api/admin/replay", "ledger"), prefix("/api/plans", "ledger"),
            prefix("/api/finance/reconciliation", "ledger"),
            prefix("/api/notifications", "alert"), new Route(Pattern.compile("/api/users/[^/]+/preferences"), "alert"),
            prefix("/api/admin/deliveries", "alert"),
            prefix("/api/payments", "payment"));

    private final ConsoleProperties.Services services;

    ServiceRoutes(ConsoleProperties properties) {
        this.services = properties.services();
    }

    private static Route prefix(String path, String service) {
        return new Route(Pattern.compile(Pattern.quote(path) + "(/.*)?"), service);
    }

    /** The base URL of the service owning this path, if any. */
    public Optional<URI> serviceFor(String path) {
        return serviceNameFor(path).map(this::urlOf);
    }

    /** The name of the service owning this path (gateway, ledger, alert or payment), if any. */
    Optional<String> serviceNameFor(String path) {
        return ROUTES.stream().filter(r -> r.path().matcher(path).matches()).findFirst().map(Route::service);
    }

    /** The base URL of a service named by {@link #serviceNameFor}. */
    URI urlOf(String service) {
        return switch (service) {
            case "gateway" -> services.gateway();
            case "ledger" -> services.ledger();
            case "alert" -> services.alert();
            default -> services.payment();
        };
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        return serviceFor(request.getServletPath()).isPresent();
    }
}
