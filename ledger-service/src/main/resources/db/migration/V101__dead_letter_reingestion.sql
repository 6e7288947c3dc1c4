-- Dead letters of the usage topic re-published by `ledger-service.jar dead-letters reingest` (docs/ledger.md,
-- "Dead letters"): one row per dead letter, claimed in the transaction that waits for the re-published record's
-- acknowledgement, so a second run skips it. The ledger's eventId dedupe (processed_event) is the second guard.
CREATE TABLE dead_letter_reingestion (
    dead_letter_id     TEXT         NOT NULL PRIMARY KEY,
    event_id           TEXT         NOT NULL,
    original_user_id   TEXT,
    user_id            VARCHAR(255) NOT NULL,
    reason             VARCHAR(100) NOT NULL,
    dead_letter_offset TEXT         NOT NULL,
    usage_offset       TEXT,
    reingested_at      TIMESTAMPTZ  NOT NULL
);
