package io.creditgate.gateway.keys;

import io.creditgate.schemas.identity.UserId;

/**
 * Whose a presented virtual key is: its owner's ledger user id and the key's hash, which the call carries so that
 * its cost can be added to the key's own budget ({@link KeySpending}).
 *
 * @param userId the owner, valid by the ledger's rule
 * @param keySha256 SHA-256 (hex) of the key
 */
public record KeyOwner(UserId userId, String keySha256) {
}
