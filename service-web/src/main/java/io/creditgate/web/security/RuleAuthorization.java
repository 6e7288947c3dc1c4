package io.creditgate.web.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** One {@link AccessRules.Rule}'s {@link Access} as Spring Security's decision for a matched request. */
record RuleAuthorization(Access access) implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Caller caller = authentication.get() instanceof CallerAuthentication authenticated
                ? authenticated.getPrincipal() : null;
        return new AuthorizationDecision(access.allows(caller, requestedAccount(context)));
    }

    /**
     * The path's {@code {userId}}, else the one {@code userId} query parameter. Two of them are refused (null): the
     * controller would bind "a,b" while this checked "a".
     */
    static String requestedAccount(RequestAuthorizationContext context) {
        String fromPath = context.getVariables().get(AccessRules.USER_ID);
        if (fromPath != null) {
            return fromPath;
        }
        HttpServletRequest request = context.getRequest();
        String[] values = request.getParameterValues(AccessRules.USER_ID);
        return values != null && values.length == 1 ? values[0] : null;
    }
}
