package io.creditgate.ledger.replay;

/** The replay could not run (its source is unreachable or missing): nothing was verified, which is not a success. */
public class ReplayUnavailableException extends RuntimeException {

    ReplayUnavailableException(String message) {
        super(message);
    }

    ReplayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
