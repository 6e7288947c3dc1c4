-- How to reach each user, and what they want to hear about.
CREATE TABLE contact (
    user_id        text PRIMARY KEY,
    email          text,
    -- USAGE: learned from UsageRecorded.userEmail; USER: set through the preferences API (never overwritten by usage).
    email_source   text        NOT NULL DEFAULT 'USAGE',
    locale         text,
    email_opt_out  boolean     NOT NULL DEFAULT false,
    webhook_url    text,
    webhook_format text        NOT NULL DEFAULT 'CREDITGATE',
    webhook_secret text,
    updated_at     timestamptz NOT NULL
);

-- The dashboard's in-app notifications; one per alert event at most.
CREATE TABLE notification (
    id             bigserial PRIMARY KEY,
    user_id        text        NOT NULL,
    alert_event_id text        NOT NULL UNIQUE,
    kind           text        NOT NULL,
    title          text        NOT NULL,
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL,
    read_at        timestamptz
);
CREATE INDEX notification_by_user ON notification (user_id, id DESC);

-- One row per alert event and channel: the idempotency key makes every delivery at most once.
-- PENDING (planned, nothing sent) -> SENDING (claimed; a send may be under way) -> SENT | RETRY | FAILED.
-- A SENDING row whose worker died is marked UNKNOWN and never sent again: at most once beats twice.
CREATE TABLE delivery (
    idempotency_key   text PRIMARY KEY,
    alert_event_id    text        NOT NULL,
    alert_type        text        NOT NULL,
    channel           text        NOT NULL,
    user_id           text        NOT NULL,
    recipient         text,
    subject           text,
    body              text,
    status            text        NOT NULL,
    attempts          int         NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL,
    alert_occurred_at timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    sent_at           timestamptz,
    last_error        text
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status IN ('PENDING', 'RETRY');
CREATE INDEX delivery_sending ON delivery (updated_at) WHERE status = 'SENDING';
CREATE INDEX delivery_by_user ON delivery (user_id, created_at DESC);

-- Every attempt of every delivery, with its outcome.
CREATE TABLE delivery_attempt (
    id              bigserial PRIMARY KEY,
    idempotency_key text        NOT NULL REFERENCES delivery (idempotency_key),
    attempt         int         NOT NULL,
    status          text        NOT NULL,
    detail          text,
    at              timestamptz NOT NULL,
    duration_ms     bigint      NOT NULL
);
CREATE INDEX delivery_attempt_by_key ON delivery_attempt (idempotency_key, id);
