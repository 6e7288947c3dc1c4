-- Subscriptions sold through Checkout mode=subscription, and every paid invoice of them. Owned by
-- io.creditgate.payment.subscription.
CREATE TABLE subscription (
    subscription_id      text PRIMARY KEY,
    user_id              text NOT NULL,
    offer_id             text NOT NULL,
    plan_id              text NOT NULL,
    customer_id          text NOT NULL,
    status               text NOT NULL,
    current_period_start timestamptz,
    current_period_end   timestamptz,
    cancel_at_period_end boolean NOT NULL DEFAULT false,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    -- Set once, when customer.subscription.deleted was turned into SubscriptionEnded.
    ended_at             timestamptz
);
CREATE INDEX subscription_user ON subscription (user_id);

-- A paid invoice, recorded once: the row is what makes SubscriptionRenewed once per invoice.
CREATE TABLE subscription_invoice (
    invoice_id        text PRIMARY KEY,
    subscription_id   text NOT NULL,
    user_id           text NOT NULL,
    plan_id           text NOT NULL,
    period_start      timestamptz NOT NULL,
    period_end        timestamptz NOT NULL,
    paid_amount_minor bigint NOT NULL,
    currency          text NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now()
);
