-- Ids of the ProfileUpdated events already applied to the author copy: a redelivered event is recognised and skipped,
-- in the same transaction as the author update (owned by the author/ package, see docs/events.md).
CREATE TABLE processed_event (
    event_id      VARCHAR(64)  PRIMARY KEY,
    user_id       VARCHAR(64)  NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
