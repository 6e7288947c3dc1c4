package io.creditgate.gateway.security;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Mono;

/**
 * Spring Security's filter chain, entered only on {@link ApiAccess#SECURED_PATHS}. Spring's own
 * {@link WebFilterChainProxy}, registered as a global filter, would wrap every exchange (its firewall validates the
 * path and every header read) and run a reactive lookup of matching chains on each chat call too; here a chat call
 * ({@code /v1/**}) costs one string comparison; any other path one {@link PathPattern} match per secured pattern
 * against the path the request already parsed. The patterns match the decoded path exactly as the router does, so no spelling of
 * {@code /api/keys} reaches a handler without the chain.
 */
final class ApiSecurityFilter implements WebFilter, Ordered {

    /** Where Spring Security's own proxy would run: before the application's filters. */
    static final int ORDER = -100;

    /** A raw path starting so decodes to a first segment {@code v1}: no secured pattern can match it. */
    private static final String CHAT_PREFIX = "/v1/";

    private final List<PathPattern> secured;
    private final WebFilterChainProxy chain;

    ApiSecurityFilter(WebFilterChainProxy chain) {
        this.secured = ApiAccess.SECURED_PATHS.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.chain = chain;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        // Every chat call ends here, after one comparison of the path's first characters.
        if (exchange.getRequest().getPath().value().startsWith(CHAT_PREFIX)) {
            return next.filter(exchange);
        }
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : secured) {
            if (pattern.matches(path)) {
                return chain.filter(exchange, next);
            }
        }
        return next.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
