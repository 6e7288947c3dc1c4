package io.creditgate.web;

import io.creditgate.schemas.identity.UserId;

/** The user id a request names (path or query), checked against the one {@link UserId} rule. */
public final class UserIdParameter {

    /**
     * The id, or a 400 {@code invalid_request} whose message says which part of the rule it breaks.
     *
     * @param value the raw parameter; null when absent
     */
    public static UserId require(String value) {
        UserId.Problem problem = UserId.problemOf(value);
        if (problem != null) {
            throw ApiException.badRequest("userId: " + problem.message());
        }
        return new UserId(value);
    }

    private UserIdParameter() {
    }
}
