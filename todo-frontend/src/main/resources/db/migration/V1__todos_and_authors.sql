CREATE TABLE todo (
    id          BIGSERIAL PRIMARY KEY,
    user_id     VARCHAR(64)   NOT NULL,
    text        VARCHAR(4000) NOT NULL,
    done        BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX todo_user_created ON todo (user_id, created_at DESC, id DESC);

-- This service's own copy of profile data, kept current by ProfileUpdated events.
CREATE TABLE author (
    user_id       VARCHAR(64)  PRIMARY KEY,
    display_name  VARCHAR(200) NOT NULL,
    avatar_url    VARCHAR(500),
    style_guide   VARCHAR(40),
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
