-- Issue 10: preferences changed on a user's behalf (by an admin) are audited, and the audit only grows.
CREATE TABLE preferences_audit (
    id         bigserial   PRIMARY KEY,
    user_id    text        NOT NULL,
    -- The admin's token email (or subject), or "bootstrap-admin-key".
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL,
    -- {"field": {"from": .., "to": ..}} for every field that changed; never the webhook secret.
    changes    jsonb       NOT NULL
);
CREATE INDEX preferences_audit_by_user ON preferences_audit (user_id, changed_at DESC);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER preferences_audit_append_only BEFORE UPDATE OR DELETE ON preferences_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER preferences_audit_no_truncate BEFORE TRUNCATE ON preferences_audit
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
