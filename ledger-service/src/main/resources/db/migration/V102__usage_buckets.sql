-- Issue 12 (the dashboard), decision 55: usage reports from aggregates. One row per user, model and quarter of an hour
-- (bucket_start = the UTC instant floored to 15 minutes), holding the sums of the USAGE statement lines in it. Every
-- time zone in use today is a whole number of quarter hours from UTC, so a day in any of them is a whole number of
-- buckets; the reports read the few raw lines of a bucket a window boundary cuts (UsageReports).
--
-- Written by the same statement as the statement lines (UsageWrites), so it is exactly as idempotent as they are.
-- Numbered after V101, not V7: Flyway (outOfOrder=false) refuses to start on a database already at V101 when a
-- lower version appears that it never applied.
CREATE TABLE usage_bucket (
    user_id      VARCHAR(255) NOT NULL,
    bucket_start TIMESTAMPTZ  NOT NULL,
    model        VARCHAR(200) NOT NULL,
    calls        BIGINT       NOT NULL,
    cost_credits BIGINT       NOT NULL,
    prompt       BIGINT       NOT NULL,
    cached       BIGINT       NOT NULL,
    completion   BIGINT       NOT NULL,
    reasoning    BIGINT       NOT NULL,
    -- One user's report reads the user's buckets of the window (any model); the upsert's conflict target.
    PRIMARY KEY (user_id, bucket_start, model),
    CHECK (bucket_start = date_bin('15 minutes', bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00'))
);

-- Everyone's reports (by day, by model, top users) read the buckets of the window.
CREATE INDEX usage_bucket_time ON usage_bucket (bucket_start);

INSERT INTO usage_bucket (user_id, bucket_start, model, calls, cost_credits, prompt, cached, completion, reasoning)
SELECT user_id, date_bin('15 minutes', occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'), model, count(*),
       -sum(amount_credits), COALESCE(sum(prompt_tokens), 0), COALESCE(sum(cached_prompt_tokens), 0),
       COALESCE(sum(completion_tokens), 0), COALESCE(sum(reasoning_tokens), 0)
FROM account_transaction
WHERE type = 'USAGE'
GROUP BY 1, 2, 3;

-- The admin's accounts grid (GET /api/admin/accounts, decision 56) gets no index: its search is a substring of the user
-- id ('%q%'), which no btree serves, and reading the account table (thousands of rows) takes milliseconds. Nor do its
-- sorted columns: balance, status and updated_at change with every usage batch, and an index on them would make each
-- of those account updates write every index of the table (no HOT update), to save sorting a few thousand rows.
