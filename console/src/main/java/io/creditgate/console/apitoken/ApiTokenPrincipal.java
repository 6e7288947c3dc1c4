package io.creditgate.console.apitoken;

import io.creditgate.console.web.Actor;

/** The principal of a request authenticated by an API token. */
public record ApiTokenPrincipal(ApiToken token) implements Actor.Named {

    @Override
    public String actorName() {
        return "api-token:" + token.name() + " (" + token.creatorEmail() + ")";
    }

    @Override
    public String actingPersonId() {
        return token.createdBy();
    }

    /** A token reaches its own accounts (perhaps none), never its creator's. */
    @Override
    public java.util.List<String> ownAccounts() {
        return java.util.List.copyOf(token.accounts());
    }
}
