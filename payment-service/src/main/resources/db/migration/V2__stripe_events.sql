-- Every Stripe event the webhook accepted (signature valid), recorded in the transaction of its effects: a second
-- delivery of the same event id finds its row and changes nothing.
create table stripe_event (
    event_id    text        primary key,
    type        text        not null,
    api_version text,
    outcome     text        not null,
    received_at timestamptz not null default now()
);
