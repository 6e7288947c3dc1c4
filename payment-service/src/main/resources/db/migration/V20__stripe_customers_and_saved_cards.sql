-- One Stripe Customer per Creditgate user, created once (idempotency key derived from the user id), and the card a
-- user saved for off-session charges (auto top-up). Owned by io.creditgate.payment.customer.
CREATE TABLE stripe_customer (
    user_id     text PRIMARY KEY,
    customer_id text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE saved_card (
    user_id           text PRIMARY KEY REFERENCES stripe_customer (user_id),
    customer_id       text NOT NULL,
    payment_method_id text NOT NULL,
    brand             text NOT NULL,
    last4             text NOT NULL,
    -- The SetupIntent the card was saved by (a Checkout in mode=setup): a redelivered event saves nothing new.
    setup_intent_id   text NOT NULL,
    saved_at          timestamptz NOT NULL DEFAULT now()
);
