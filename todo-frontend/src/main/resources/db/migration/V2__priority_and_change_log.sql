ALTER TABLE todo ADD COLUMN priority VARCHAR(10) NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('low', 'normal', 'high'));

-- One counter row per user: the upsert that bumps it also locks it until commit, so each user's
-- changes commit in sequence order.
CREATE TABLE todo_user_seq (
    user_id   VARCHAR(64) PRIMARY KEY,
    last_seq  BIGINT      NOT NULL
);

-- Every change as the frame that was pushed, so a reconnecting client can replay what it missed.
CREATE TABLE todo_change (
    user_id     VARCHAR(64) NOT NULL,
    seq         BIGINT      NOT NULL,
    type        VARCHAR(16) NOT NULL,
    todo_id     BIGINT,
    html        TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, seq)
);
