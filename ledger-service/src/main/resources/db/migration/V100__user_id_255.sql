-- Issue 10, one user-id rule: ledger user ids are 1 to 255 characters (io.creditgate.schemas.identity.UserId, the
-- longest subject an OpenID Connect provider may issue), no longer 200. Axon's own tables hold 255 already
-- (aggregateIdentifier). Widening a VARCHAR is a catalogue change in PostgreSQL: no table rewrite, no index rebuild.
-- Numbered from 100 so that migrations written in parallel on other branches do not collide with it.
ALTER TABLE processed_event     ALTER COLUMN user_id TYPE VARCHAR(255);
ALTER TABLE account             ALTER COLUMN user_id TYPE VARCHAR(255);
ALTER TABLE account_transaction ALTER COLUMN user_id TYPE VARCHAR(255);
ALTER TABLE account_grant       ALTER COLUMN user_id TYPE VARCHAR(255);
ALTER TABLE admin_audit         ALTER COLUMN user_id TYPE VARCHAR(255);
