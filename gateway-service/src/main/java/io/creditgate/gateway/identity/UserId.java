package io.creditgate.gateway.identity;

/** The id of the user a call is charged to, as the trusted client asserted it (non-blank, bounded). */
public record UserId(String value) {

    @Override
    public String toString() {
        return value;
    }
}
