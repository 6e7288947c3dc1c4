-- Issue 13: prices are data. Every change an admin makes to the price table is one row here, never updated or
-- deleted: the table is both the gateway's runtime price source and its audit log. Gateways poll it for rows
-- after the last id they applied (creditgate.price-refresh-interval); a change's id is its price version
-- ('change-<id>' in UsageRecorded.priceVersion).
CREATE TABLE price_change (
    id                 BIGSERIAL     PRIMARY KEY,
    -- SET: the model costs this from effective_at on. RESET: back to the configured or catalogue price.
    -- ALIAS: the name means alias_of (an operator's own LiteLLM model name). UNALIAS: the alias is gone.
    action             VARCHAR(8)    NOT NULL CHECK (action IN ('SET', 'RESET', 'ALIAS', 'UNALIAS')),
    model              VARCHAR(200)  NOT NULL,
    -- Credits per token (1 credit = 1 micro-USD, so USD per million tokens); only for SET.
    input              NUMERIC(24, 12),
    cached_input       NUMERIC(24, 12),
    cache_write        NUMERIC(24, 12),
    output             NUMERIC(24, 12),
    reasoning          NUMERIC(24, 12),
    max_output_tokens  BIGINT,
    context_window     BIGINT,
    -- The long-context tier (SET only, optional): a prompt above long_context_above_tokens bills the whole call at
    -- these rates; a rate left NULL keeps the normal one.
    long_context_above_tokens BIGINT,
    long_context_input        NUMERIC(24, 12),
    long_context_cached_input NUMERIC(24, 12),
    long_context_cache_write  NUMERIC(24, 12),
    long_context_output       NUMERIC(24, 12),
    long_context_reasoning    NUMERIC(24, 12),
    alias_of           VARCHAR(200),
    effective_at       TIMESTAMPTZ   NOT NULL,
    actor              VARCHAR(320)  NOT NULL,
    reason             VARCHAR(500)  NOT NULL,
    recorded_at        TIMESTAMPTZ   NOT NULL,
    CHECK (action <> 'SET' OR (input IS NOT NULL AND output IS NOT NULL)),
    CHECK (action <> 'ALIAS' OR alias_of IS NOT NULL),
    CHECK ((long_context_above_tokens IS NULL) = (long_context_input IS NULL))
);

CREATE INDEX price_change_by_model ON price_change (model, id);

CREATE FUNCTION price_change_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'price_change is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER price_change_no_update_or_delete BEFORE UPDATE OR DELETE ON price_change
    FOR EACH ROW EXECUTE FUNCTION price_change_append_only();

CREATE TRIGGER price_change_no_truncate BEFORE TRUNCATE ON price_change
    FOR EACH STATEMENT EXECUTE FUNCTION price_change_append_only();
