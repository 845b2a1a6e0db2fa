-- Every server process that has used this database: later work (run claims, crash recovery) names
-- the instance that owns it, and an operator can see which processes have been here.
CREATE TABLE instances (
    id          UUID PRIMARY KEY,
    host        TEXT        NOT NULL,
    pid         BIGINT      NOT NULL,
    version     TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    stopped_at  TIMESTAMPTZ
);
