-- Issue 4: grants with categories, expiry and priority. Amounts are BIGINT credits.

-- One row per grant ever made (the starting grant 'opening', admin grants, purchases 'purchase:<id>'), with
-- what it still holds. Kept by the subscribing read model in the event's transaction.
CREATE TABLE account_grant (
    user_id           VARCHAR(200) NOT NULL,
    grant_id          VARCHAR(255) NOT NULL,
    category          VARCHAR(16)  NOT NULL,
    amount_credits    BIGINT       NOT NULL,
    remaining_credits BIGINT       NOT NULL,
    -- OPEN (holds credits), SPENT, EXPIRED, REVOKED, REFUNDED
    status            VARCHAR(16)  NOT NULL,
    priority          INTEGER      NOT NULL,
    expires_at        TIMESTAMPTZ,
    granted_at        TIMESTAMPTZ  NOT NULL,
    -- The account version of the event that made the grant: the burn order's last tie-break (older first).
    granted_version   BIGINT       NOT NULL,
    closed_at         TIMESTAMPTZ,
    reason            VARCHAR(500),
    actor             VARCHAR(200),
    PRIMARY KEY (user_id, grant_id),
    CHECK (remaining_credits >= 0 AND remaining_credits <= amount_credits)
);

-- The expiry scheduler's question: which accounts hold open grants due by now?
CREATE INDEX account_grant_open_expiry ON account_grant (expires_at) WHERE status = 'OPEN' AND expires_at IS NOT NULL;
