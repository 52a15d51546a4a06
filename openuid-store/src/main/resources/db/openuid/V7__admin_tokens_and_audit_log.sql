-- Administration: admin API tokens (stored hashed) and the audit log of administrative changes.
-- Neither table moves change_version: nodes read them directly, they are not part of the snapshot.

-- token_hash = SHA-512(token_salt || UTF-8(token)); the token itself is shown once and stored nowhere.
CREATE TABLE admin_tokens (
    token_id   VARCHAR NOT NULL PRIMARY KEY,
    name       VARCHAR NOT NULL,
    token_hash BYTEA   NOT NULL,
    token_salt BYTEA   NOT NULL,
    created    BIGINT  NOT NULL,
    disabled   BOOLEAN NOT NULL
);

-- One row per administrative change: who (admin token id and name), when (epoch ms), what operation on which
-- target, and non-secret details as a JSON object.
CREATE TABLE admin_audit_log (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms       BIGINT  NOT NULL,
    actor_id    VARCHAR NOT NULL,
    actor_name  VARCHAR NOT NULL,
    operation   VARCHAR NOT NULL,
    target_type VARCHAR NOT NULL,
    target_id   VARCHAR NOT NULL,
    details     VARCHAR NOT NULL
);
