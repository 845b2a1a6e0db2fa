-- Users, refresh-token sessions and API keys. Secrets are never stored: passwords as Argon2id hashes,
-- refresh tokens and API keys (both 256-bit random) as SHA-256 digests.
CREATE TABLE users (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username       TEXT        NOT NULL,   -- stored lower-case: names are case-insensitive
    email          TEXT        NOT NULL,   -- stored lower-case
    password_hash  TEXT,                   -- NULL: cannot log in by password (the bootstrap admin)
    premium        BOOLEAN     NOT NULL DEFAULT false,
    admin          BOOLEAN     NOT NULL DEFAULT false,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE UNIQUE INDEX users_email ON users (email);

-- One session per login: the family of refresh tokens that descends from it. Revoking the session
-- (logout, or reuse of a spent refresh token) kills every token of the family and its access tokens.
CREATE TABLE sessions (
    id              UUID PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_reason  TEXT
);
CREATE INDEX sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

CREATE TABLE refresh_tokens (
    token_hash  BYTEA PRIMARY KEY,
    session_id  UUID        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ              -- set when rotated: a second use is reuse
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE api_keys (
    id            UUID PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT        NOT NULL,
    prefix        TEXT        NOT NULL,   -- the first characters, shown in listings
    key_hash      BYTEA       NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX api_keys_user ON api_keys (user_id, created_at DESC);
