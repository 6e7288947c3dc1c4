-- Issue 4: plans and cycles in the account read model; indexes for the usage and transaction queries.

ALTER TABLE account ADD COLUMN plan_id VARCHAR(100);
ALTER TABLE account ADD COLUMN cycle_started_at TIMESTAMPTZ;
ALTER TABLE account ADD COLUMN cycle_ends_at TIMESTAMPTZ;
UPDATE account SET plan_id = 'default', cycle_started_at = opened_at WHERE plan_id IS NULL;

-- The renewal scheduler's question: whose cycle ended by now?
CREATE INDEX account_cycle_end ON account (cycle_ends_at) WHERE cycle_ends_at IS NOT NULL;

-- Usage by day/model for everyone, top users, and transactions by type and date.
CREATE INDEX account_transaction_type_time ON account_transaction (type, occurred_at);
CREATE INDEX account_transaction_user_time ON account_transaction (user_id, occurred_at);
ALTER TABLE admin_audit ADD COLUMN plan_id VARCHAR(100);
