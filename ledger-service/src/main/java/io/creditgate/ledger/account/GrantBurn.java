package io.creditgate.ledger.account;

/** Credits a usage (or negative adjustment) took from one grant. */
public record GrantBurn(String grantId, long credits) {
}
