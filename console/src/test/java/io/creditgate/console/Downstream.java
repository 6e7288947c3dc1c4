package io.creditgate.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.creditgate.schemas.identity.CreditgateToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a Creditgate service behind the relay: it checks the bearer token as a resource server would (RS256
 * against the console's JWKS, issuer, audience "creditgate") and answers what it saw, or 401.
 */
public final class Downstream {

    /** What one relayed call looked like on arrival. */
    public record Seen(String method, String uri, String authorization, String cookie, String body, Jwt jwt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final String consoleBase;
    private volatile JwtDecoder decoder;

    private Downstream(HttpServer server, String consoleBase) {
        this.server = server;
        this.consoleBase = consoleBase;
    }

    static Downstream start(String consoleBase) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Downstream downstream = new Downstream(server, consoleBase);
            server.createContext("/", downstream::handle);
            server.start();
            return downstream;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    public Seen last() {
        return seen.get(seen.size() - 1);
    }

    /** Checks a token exactly as a Creditgate resource server does. */
    public Jwt decode(String token) {
        return decoder().decode(token);
    }

    private JwtDecoder decoder() {
        if (decoder == null) {
            decoder = resourceServerDecoder(consoleBase);
        }
        return decoder;
    }

    /** A new decoder (its own, empty JWKS cache) checking like a Creditgate resource server. */
    public static JwtDecoder resourceServerDecoder(String consoleBase) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(consoleBase + "/oauth2/jwks").build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(CreditgateToken.AUDIENCE));
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(consoleBase), audience));
        return nimbus;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Jwt jwt = null;
        String problem = null;
        try {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                problem = "no bearer token";
            } else {
                jwt = decoder().decode(authorization.substring(7));
            }
        } catch (JwtException e) {
            problem = e.getMessage();
        }
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), authorization,
                exchange.getRequestHeaders().getFirst("Cookie"), body, jwt));
        Map<String, Object> answer = new LinkedHashMap<>();
        int status = 200;
        if (jwt == null) {
            status = 401;
            answer.put("error", Map.of("message", String.valueOf(problem), "code", "unauthorized"));
        } else {
            answer.put("sub", jwt.getSubject());
            answer.put("roles", jwt.getClaimAsStringList(CreditgateToken.ROLES));
            answer.put("accounts", jwt.getClaimAsStringList(CreditgateToken.ACCOUNTS));
            answer.put("tokenUse", jwt.getClaimAsString(CreditgateToken.TOKEN_USE));
            answer.put("uri", exchange.getRequestURI().toString());
            answer.put("body", body);
        }
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Set-Cookie", "downstream=leak");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
