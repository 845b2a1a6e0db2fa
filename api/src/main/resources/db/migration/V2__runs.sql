-- The run queue and history. A run is committed here before the API answers; workers claim QUEUED
-- rows with FOR UPDATE SKIP LOCKED, so several API processes share one queue.
ALTER TABLE instances ADD COLUMN heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now();

CREATE TABLE runs (
    id                UUID PRIMARY KEY,
    owner             TEXT        NOT NULL,
    client_id         TEXT,
    language          TEXT        NOT NULL,
    request           TEXT        NOT NULL,   -- the run request JSON, exactly as the engine takes it
    state             TEXT        NOT NULL,   -- QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED
    verdict           TEXT,
    result            TEXT,                   -- the run result JSON (outputs capped)
    message           TEXT,
    webhook_url       TEXT,
    queue_position    INT         NOT NULL,
    attempts          INT         NOT NULL DEFAULT 0,
    claimed_by        UUID,
    cancel_requested  BOOLEAN     NOT NULL DEFAULT false,
    cases_total       INT         NOT NULL,
    cases_done        INT         NOT NULL DEFAULT 0,
    run_time_ms       BIGINT,
    memory_kb         BIGINT,
    created_at        TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ
);

CREATE UNIQUE INDEX runs_owner_client_id ON runs (owner, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX runs_queued ON runs (created_at) WHERE state = 'QUEUED';
CREATE INDEX runs_running ON runs (claimed_by) WHERE state = 'RUNNING';
CREATE INDEX runs_owner_created ON runs (owner, created_at DESC);
