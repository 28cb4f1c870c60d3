-- Uploaded avatars, already validated (PNG re-encoded, WebP checked). No row: a generated initials SVG is served.
CREATE TABLE avatar (
    user_id       VARCHAR(64)  PRIMARY KEY REFERENCES profile (user_id),
    content_type  VARCHAR(40)  NOT NULL,
    content       BYTEA        NOT NULL,
    etag          VARCHAR(80)  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Transactional outbox: written in the same transaction as the profile change, relayed to the broker by
-- OutboxRelay, marked sent only after the broker confirmed it.
CREATE TABLE outbox_event (
    id               BIGSERIAL    PRIMARY KEY,
    event_id         VARCHAR(64)  NOT NULL UNIQUE,
    routing_key      VARCHAR(100) NOT NULL,
    payload          TEXT         NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_error       VARCHAR(500),
    sent_at          TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE sent_at IS NULL;
