-- The console's own data: people, one-time links, API tokens, signing keys and the access audit.

CREATE TABLE person (
    id              text PRIMARY KEY,                 -- p-<uuid>, stable, the tokens' sub
    email           text,                             -- null only for a federated person whose IdP sends none
    name            text        NOT NULL,
    password_hash   text,                             -- {bcrypt}..., null until set through a link (or federated)
    roles           text[]      NOT NULL,             -- assigned in Creditgate
    idp_roles       text[]      NOT NULL DEFAULT '{}', -- mapped from the IdP's claims at the last sign-in
    accounts        text[]      NOT NULL,             -- ledger user ids this person owns (UserId rule)
    status          text        NOT NULL CHECK (status IN ('active', 'disabled')),
    idp_issuer      text,
    idp_subject     text,
    failed_attempts integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
-- Email is unique whatever its case: Ana@x and ana@x are one person.
CREATE UNIQUE INDEX person_email_unique ON person (lower(email));
CREATE UNIQUE INDEX person_idp_unique ON person (idp_issuer, idp_subject);

-- Invitation and reset links: only the SHA-256 of the 256-bit token is stored.
CREATE TABLE link_token (
    token_hash  text PRIMARY KEY,
    person_id   text        NOT NULL REFERENCES person (id),
    purpose     text        NOT NULL CHECK (purpose IN ('invitation', 'reset')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

CREATE TABLE api_token (
    id           text PRIMARY KEY,
    name         text        NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    created_by   text        NOT NULL REFERENCES person (id),
    roles        text[]      NOT NULL,
    accounts     text[]      NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- RS256 keys as JWK JSON (private part included). The newest signs; the newest two are published.
CREATE TABLE signing_key (
    kid        text PRIMARY KEY,
    jwk        text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE access_audit (
    id             bigserial PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL,
    subject        text,
    details        jsonb       NOT NULL DEFAULT '{}',
    client_address text
);
CREATE INDEX access_audit_subject ON access_audit (subject, id);

-- Append-only: whoever holds the console's database login still cannot rewrite the history of access.
CREATE FUNCTION access_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_audit is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER access_audit_no_update_delete BEFORE UPDATE OR DELETE ON access_audit
    FOR EACH ROW EXECUTE FUNCTION access_audit_refuse_change();
CREATE TRIGGER access_audit_no_truncate BEFORE TRUNCATE ON access_audit
    FOR EACH STATEMENT EXECUTE FUNCTION access_audit_refuse_change();
