-- Issue 10: the audit log is append-only, and audit replays run through the API are part of it.

-- Who ran an audit replay, when, on which source, and what it found.
CREATE TABLE replay_audit (
    id             BIGSERIAL    PRIMARY KEY,
    actor          VARCHAR(255) NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    finished_at    TIMESTAMPTZ  NOT NULL,
    -- journal-topic or event-store; "default" when the caller left the choice to creditgate.replay.source.
    source         VARCHAR(32)  NOT NULL,
    -- OK, FAILED (broken links or discrepancies), UNAVAILABLE (the source could not be read) or ERROR.
    result         VARCHAR(16)  NOT NULL,
    events         BIGINT,
    broken_links   INTEGER,
    discrepancies  INTEGER
);
CREATE INDEX replay_audit_time ON replay_audit (started_at DESC, id DESC);

-- An actor is an email (up to 254 characters) or an OpenID Connect subject (up to 255).
ALTER TABLE admin_audit ALTER COLUMN actor TYPE VARCHAR(255);

-- Rows are only ever added: an UPDATE, DELETE or TRUNCATE fails, whoever sends it (short of dropping the trigger,
-- which takes the table owner and shows in the migration history).
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER replay_audit_append_only BEFORE UPDATE OR DELETE ON replay_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER replay_audit_no_truncate BEFORE TRUNCATE ON replay_audit
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
