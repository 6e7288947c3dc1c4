-- Checkout Sessions this service created: fulfilment credits only a session found here, for its amount and currency.
-- The attempt is stored before Stripe is called (its id goes into the session's metadata), so a session Stripe
-- created is never unknown to us even if storing its id afterwards failed.
create table checkout_attempt (
    attempt_id      text        primary key,
    session_id      text        unique,
    user_id         text        not null,
    pack_id         text        not null,
    credits         bigint      not null check (credits > 0),
    amount_minor    bigint      not null check (amount_minor > 0),
    currency        text        not null,
    idempotency_key text        not null unique,
    created_by      text        not null,
    created_at      timestamptz not null default now()
);

-- Every purchase, whatever the method. The primary key is the purchaseId of CreditsPurchased (the Checkout Session
-- id for checkout): inserting it is what makes a purchase happen at most once.
create table purchase (
    purchase_id       text        primary key,
    user_id           text        not null,
    method            text        not null,
    credits           bigint      not null check (credits > 0),
    amount_minor      bigint      not null check (amount_minor > 0),
    currency          text        not null,
    reference         text        not null,
    manual_method     text,
    payment_intent_id text,
    charge_id         text,
    receipt_url       text,
    pack_id           text,
    note              text,
    recorded_by       text,
    created_at        timestamptz not null default now()
);

-- A manual purchase is idempotent by its external reference (bank transfer, PIX or invoice id).
create unique index purchase_manual_reference on purchase (reference) where method = 'manual';
create index purchase_user on purchase (user_id, created_at desc);
create index purchase_created on purchase (created_at desc);
create index purchase_charge on purchase (charge_id) where charge_id is not null;
create index purchase_payment_intent on purchase (payment_intent_id) where payment_intent_id is not null;

-- Credits taken back. A Stripe refund's id is derived from the charge and its cumulative refunded amount, so a
-- redelivered charge.refunded is a no-op and each new partial refund is a new row.
create table refund (
    refund_id                 text        primary key,
    purchase_id               text        not null references purchase (purchase_id),
    user_id                   text        not null,
    credits                   bigint      not null check (credits >= 0),
    amount_minor              bigint      not null check (amount_minor > 0),
    cumulative_refunded_minor bigint      not null,
    currency                  text        not null,
    reason                    text,
    requested_by              text,
    created_at                timestamptz not null default now()
);
create index refund_purchase on refund (purchase_id);
create index refund_created on refund (created_at desc);

-- Refunds asked for through the API (admin or finance), with who asked and why. For a Stripe purchase the credits
-- are taken back when charge.refunded arrives; the request keeps the actor and the Stripe refund id.
create table refund_request (
    request_id       text        primary key,
    idempotency_key  text        not null unique,
    purchase_id      text        not null references purchase (purchase_id),
    amount_minor     bigint      not null check (amount_minor > 0),
    reason           text        not null,
    requested_by     text        not null,
    stripe_refund_id text,
    refund_id        text,
    created_at       timestamptz not null default now()
);
create index refund_request_purchase on refund_request (purchase_id);

create table dispute (
    dispute_id   text        primary key,
    purchase_id  text        not null references purchase (purchase_id),
    user_id      text        not null,
    credits      bigint      not null check (credits >= 0),
    amount_minor bigint      not null,
    currency     text        not null,
    reason       text,
    status       text        not null,
    opened_at    timestamptz not null default now(),
    closed_at    timestamptz
);
create index dispute_purchase on dispute (purchase_id);
create index dispute_opened on dispute (opened_at desc);
