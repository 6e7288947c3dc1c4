-- Who created and revoked which virtual key (GET /api/keys/audit). Append-only: rows are written in the same
-- statement as the change they record, and a trigger refuses every UPDATE, DELETE and TRUNCATE, so not even the
-- gateway's own database user can rewrite what happened.
CREATE TABLE key_audit (
    id             BIGSERIAL    PRIMARY KEY,
    action         VARCHAR(16)  NOT NULL CHECK (action IN ('created', 'revoked')),
    -- The authenticated principal: the token's email, else its sub, or 'bootstrap-admin-key'.
    actor          VARCHAR(320) NOT NULL,
    key_id         VARCHAR(36)  NOT NULL,
    user_id        VARCHAR(255) NOT NULL,
    key_name       VARCHAR(200),
    budget_credits BIGINT,
    at             TIMESTAMPTZ  NOT NULL
);

CREATE INDEX key_audit_by_user ON key_audit (user_id, id);

CREATE FUNCTION key_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'key_audit is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER key_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON key_audit
    FOR EACH ROW EXECUTE FUNCTION key_audit_append_only();

CREATE TRIGGER key_audit_no_truncate BEFORE TRUNCATE ON key_audit
    FOR EACH STATEMENT EXECUTE FUNCTION key_audit_append_only();
