package io.creditgate.ledger.web;

import io.creditgate.ledger.account.CommandRejectedException;
import io.creditgate.web.ApiError;
import io.creditgate.web.ApiErrors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The ledger's own failures in the shared error shape; asked before service-web's {@link ApiErrors}, which answers
 * everything else (bad JSON, unknown routes, server faults).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LedgerErrors {

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ApiError> rejected(CommandRejectedException e) {
        return switch (e.reason()) {
            case INVALID -> ApiErrors.error(HttpStatus.BAD_REQUEST, codeOf(e, "invalid_request"), e.getMessage());
            case CONFLICT -> ApiErrors.error(HttpStatus.CONFLICT, codeOf(e, "grant_conflict"), e.getMessage());
            case OVERFLOW -> ApiErrors.error(HttpStatus.UNPROCESSABLE_CONTENT, codeOf(e, "balance_overflow"), e.getMessage());
            case NOT_FOUND -> ApiErrors.error(HttpStatus.NOT_FOUND, codeOf(e, "not_found"), e.getMessage());
        };
    }

    /** A command sent to an account the ledger never opened (revoke, refund, expire). */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ApiError> noAccount(AggregateNotFoundException e) {
        return ApiErrors.error(HttpStatus.NOT_FOUND, "account_not_found",
                "no account for user '" + e.getAggregateIdentifier() + "'");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ApiError> concurrent(ConcurrencyException e) {
        return ApiErrors.error(HttpStatus.CONFLICT, "concurrent_update", "the account changed at the same time; retry the request");
    }

    private static String codeOf(CommandRejectedException e, String fallback) {
        return e.code() != null ? e.code() : fallback;
    }
}
