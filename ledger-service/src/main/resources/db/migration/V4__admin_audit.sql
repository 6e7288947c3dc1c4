-- Issue 4: admin commands and their audit log.

-- The admin's hard cap on usage per cycle (NULL = none). Status BLOCKED is kept in account.status.
ALTER TABLE account ADD COLUMN cycle_cap_credits BIGINT;
ALTER TABLE account ADD COLUMN spendable_credits BIGINT;
UPDATE account SET spendable_credits = balance_credits;
ALTER TABLE account ALTER COLUMN spendable_credits SET NOT NULL;

-- One row per admin action (grant, revoke, adjustment, block, unblock, cycle cap), written by the subscribing
-- read model in the action's transaction. (user_id, version) names the journal event it records.
CREATE TABLE admin_audit (
    id             BIGSERIAL    PRIMARY KEY,
    user_id        VARCHAR(200) NOT NULL,
    version        BIGINT       NOT NULL,
    type           VARCHAR(16)  NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    amount_credits BIGINT,
    grant_id       VARCHAR(255),
    cap_credits    BIGINT,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    UNIQUE (user_id, version)
);
CREATE INDEX admin_audit_time ON admin_audit (occurred_at DESC, id DESC);
CREATE INDEX admin_audit_user_time ON admin_audit (user_id, occurred_at DESC, id DESC);
CREATE INDEX admin_audit_type_time ON admin_audit (type, occurred_at DESC, id DESC);
