-- Personal virtual keys (sk-cg-...). The key itself is never stored: only its SHA-256 and a short visible prefix.
CREATE TABLE virtual_key (
    id             VARCHAR(36)  PRIMARY KEY,
    user_id        VARCHAR(128) NOT NULL,
    name           VARCHAR(200),
    key_sha256     CHAR(64)     NOT NULL UNIQUE,
    key_prefix     VARCHAR(16)  NOT NULL,
    budget_credits BIGINT       CHECK (budget_credits IS NULL OR budget_credits > 0),
    -- What calls with the key cost, as last saved from the live counter in Redis.
    spent_credits  BIGINT       NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ  NOT NULL,
    revoked_at     TIMESTAMPTZ
);

CREATE INDEX virtual_key_by_user ON virtual_key (user_id, created_at);
