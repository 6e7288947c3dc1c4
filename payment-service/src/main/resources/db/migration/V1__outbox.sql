-- The transactional outbox: every event the payment service must publish is written here in the transaction of the
-- fact that caused it, then published by the relay (OutboxRelay) in id order. Rows are kept after publication: they
-- are the service's own record of what it told the rest of Creditgate.
create table outbox (
    id           bigserial   primary key,
    topic        text        not null,
    record_key   text        not null,
    event_type   text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

-- The relay reads only what is still pending, oldest first.
create index outbox_pending on outbox (id) where published_at is null;
