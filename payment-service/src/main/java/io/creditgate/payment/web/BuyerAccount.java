package io.creditgate.payment.web;

import io.creditgate.schemas.identity.Role;
import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import io.creditgate.web.security.Caller;
import org.springframework.http.HttpStatus;

/** The account a purchase the caller starts (a pack's Checkout, a subscription) is for: one rule for every such route. */
public final class BuyerAccount {

    private BuyerAccount() {
    }

    /**
     * The account named, which must be the caller's own (or, where {@code adminMayNameAny}, any valid account for an
     * admin), or else the caller's only account.
     *
     * @param named the account the request names; null for the caller's only one
     * @param adminMayNameAny true where an admin may start it for someone else (a subscription an admin sets up)
     */
    public static String resolve(Caller caller, String named, boolean adminMayNameAny) {
        if (named != null) {
            if (caller.owns(named)) {
                return named;
            }
            if (adminMayNameAny && caller.has(Role.ADMIN)) {
                return UserIdParameter.require(named).value();
            }
            throw new ApiException(HttpStatus.FORBIDDEN, "account_not_owned", "You can pay only for your own account");
        }
        if (caller.accounts().size() == 1) {
            return caller.accounts().iterator().next();
        }
        if (caller.accounts().isEmpty()) {
            throw ApiException.badRequest("account_missing",
                    "Your sign-in has no Creditgate account to credit; credits are bought by the account's owner");
        }
        throw ApiException.badRequest("user_required", "You own several accounts: name the one to credit in userId");
    }
}
