-- Auto top-up: a user's opt-in (threshold, pack, monthly cap) and every top-up ever claimed. Owned by
-- io.creditgate.payment.topup.
CREATE TABLE auto_top_up_setting (
    user_id           text PRIMARY KEY,
    enabled           boolean NOT NULL,
    threshold_credits bigint NOT NULL CHECK (threshold_credits >= 0),
    pack_id           text NOT NULL,
    monthly_cap_minor bigint NOT NULL CHECK (monthly_cap_minor >= 0),
    -- Off-session charges that did not succeed since the last one that did (declined or needing authentication).
    failures_in_a_row integer NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL,
    updated_by        text NOT NULL
);

-- One row per top-up, keyed by (user, sequence): the row is the claim, inserted once, and the sequence is the
-- Stripe idempotency key's tail (top-up:<userId>:<sequence>), so a retry, a redelivery or a second instance that
-- reaches Stripe with the same claim is answered with the first charge, never a second one.
CREATE TABLE auto_top_up (
    user_id           text NOT NULL,
    sequence          bigint NOT NULL CHECK (sequence > 0),
    status            text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'NEEDS_AUTHENTICATION', 'FAILED')),
    pack_id           text NOT NULL,
    credits           bigint NOT NULL CHECK (credits > 0),
    amount_minor      bigint NOT NULL CHECK (amount_minor > 0),
    currency          text NOT NULL,
    -- The calendar month (UTC, yyyy-MM) the monthly cap counts it in.
    month             text NOT NULL,
    customer_id       text NOT NULL,
    payment_method_id text NOT NULL,
    -- The AccountBalanceChanged that triggered it (its account version): older or equal events never trigger again.
    trigger_event_id  text NOT NULL,
    trigger_version   bigint NOT NULL,
    payment_intent_id text,
    -- The CreditsPurchased eventId once succeeded, and the account version at which the ledger folded it.
    purchase_event_id text,
    credited_version  bigint,
    failure_code      text,
    failure_message   text,
    action_url        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    PRIMARY KEY (user_id, sequence)
);

-- Belt and braces beside the claim's row lock: never two pending top-ups of one user.
CREATE UNIQUE INDEX auto_top_up_one_pending ON auto_top_up (user_id) WHERE status = 'PENDING';
CREATE INDEX auto_top_up_purchase_event ON auto_top_up (purchase_event_id) WHERE purchase_event_id IS NOT NULL;
CREATE UNIQUE INDEX auto_top_up_payment_intent ON auto_top_up (payment_intent_id) WHERE payment_intent_id IS NOT NULL;
