CREATE TABLE profile (
    user_id       VARCHAR(64)  PRIMARY KEY,
    display_name  VARCHAR(200) NOT NULL,
    email         VARCHAR(320),
    style_guide   VARCHAR(40)  NOT NULL DEFAULT 'daylight',
    time_zone     VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
