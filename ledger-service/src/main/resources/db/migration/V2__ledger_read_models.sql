-- The ledger's own tables. Amounts are BIGINT credits (1 credit = 1 micro-USD).

-- Every UsageRecorded the ledger folded, by its eventId. Written in the same transaction as the
-- account event it produced, so a redelivered Kafka record finds its id here and is skipped.
CREATE TABLE processed_event (
    event_id     VARCHAR(200) NOT NULL PRIMARY KEY,
    user_id      VARCHAR(200) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per account: its state after the last event (updated in the event's transaction).
CREATE TABLE account (
    user_id             VARCHAR(200) NOT NULL PRIMARY KEY,
    balance_credits     BIGINT       NOT NULL,
    cycle_credits       BIGINT       NOT NULL,
    spent_cycle_credits BIGINT       NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    version             BIGINT       NOT NULL,
    opened_at           TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);

-- The statement: one row per account event, version = the event's sequence number in the account.
CREATE TABLE account_transaction (
    user_id              VARCHAR(200) NOT NULL,
    version              BIGINT       NOT NULL,
    type                 VARCHAR(16)  NOT NULL,
    amount_credits       BIGINT       NOT NULL,
    balance_after_credits BIGINT      NOT NULL,
    event_id             VARCHAR(255) NOT NULL,
    occurred_at          TIMESTAMPTZ  NOT NULL,
    model                VARCHAR(200),
    prompt_tokens        BIGINT,
    cached_prompt_tokens BIGINT,
    completion_tokens    BIGINT,
    reasoning_tokens     BIGINT,
    usage_source         VARCHAR(16),
    request_id           TEXT,
    reason               VARCHAR(500),
    actor                VARCHAR(200),
    PRIMARY KEY (user_id, version)
);
