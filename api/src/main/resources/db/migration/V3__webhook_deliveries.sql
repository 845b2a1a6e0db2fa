-- The webhook outbox: a delivery row is written in the same transaction that finishes the run, so a
-- finished run's webhook survives any crash; deliverers on any server claim due rows with SKIP LOCKED.
CREATE TABLE webhook_deliveries (
    id               UUID PRIMARY KEY,
    run_id           UUID        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    url              TEXT        NOT NULL,
    state            TEXT        NOT NULL,   -- PENDING, DELIVERED, FAILED
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status      INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_run ON webhook_deliveries (run_id);
