-- Durable work: one row per generation (a job, or a request with or without an Idempotency-Key),
-- what it has paid for at each provider, and how it ended. The same SQL runs on H2 and PostgreSQL.
CREATE TABLE imagegen_work (
    work_id             VARCHAR(36)      NOT NULL PRIMARY KEY,
    -- job: queued by POST /jobs and worked in the background; request: answered to its caller
    kind                VARCHAR(16)      NOT NULL,
    -- where it came from, and the scope of its key: generate, jobs, jms, inbox, direct
    entry               VARCHAR(16)      NOT NULL,
    idempotency_key     VARCHAR(600),
    request_json        VARCHAR(1000000) NOT NULL,
    request_id          VARCHAR(128),
    -- queued, running, succeeded, failed
    status              VARCHAR(16)      NOT NULL,
    http_status         INTEGER,
    response_json       VARCHAR(1000000),
    -- paid for already: resumed after a restart instead of drawn or started again
    gigachat_file_id    VARCHAR(200),
    yandex_operation_id VARCHAR(200),
    callback_url        VARCHAR(2000),
    -- pending, delivered, failed (null without a callback_url)
    callback_state      VARCHAR(16),
    callback_attempts   INTEGER          DEFAULT 0 NOT NULL,
    -- the instance working it (a process id of its own, new at every start)
    owner               VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the key is forgotten, and a finished row removed, after this (IMAGE_IDEMPOTENCY_TTL)
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One work per key and entry: concurrent duplicates race on this, never on a check-then-insert.
CREATE UNIQUE INDEX imagegen_work_key ON imagegen_work (entry, idempotency_key);
CREATE INDEX imagegen_work_status ON imagegen_work (status, created_at);
CREATE INDEX imagegen_work_expiry ON imagegen_work (expires_at);

-- The routing an admin set through POST /admin/routing (one row, id 1): it wins over the
-- environment's values until changed again.
CREATE TABLE imagegen_routing (
    id               INTEGER     NOT NULL PRIMARY KEY,
    mode             VARCHAR(16) NOT NULL,
    rollout_percent  INTEGER     NOT NULL,
    fallback_enabled BOOLEAN     NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by       VARCHAR(200)
);
