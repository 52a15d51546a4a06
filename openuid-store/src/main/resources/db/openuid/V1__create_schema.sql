-- OpenUID store schema (shared by H2 and PostgreSQL).
-- Lists are stored as JSON text, roles as comma-separated names, binary values as BYTEA.

-- Incremented in the same transaction by every write except opt-outs.
CREATE TABLE change_version (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL,
    CONSTRAINT change_version_single_row CHECK (id = 1)
);
INSERT INTO change_version (id, version) VALUES (1, 0);

CREATE TABLE sites (
    site_id      INT     NOT NULL PRIMARY KEY,
    name         VARCHAR NOT NULL,
    enabled      BOOLEAN NOT NULL,
    domain_names VARCHAR NOT NULL,
    app_names    VARCHAR NOT NULL,
    created      BIGINT  NOT NULL
);

CREATE TABLE client_keys (
    key_id     VARCHAR NOT NULL PRIMARY KEY,
    key_hash   BYTEA   NOT NULL,
    key_salt   BYTEA   NOT NULL,
    secret     BYTEA   NOT NULL,
    name       VARCHAR NOT NULL,
    contact    VARCHAR NOT NULL,
    created    BIGINT  NOT NULL,
    roles      VARCHAR NOT NULL,
    site_id    INT     NOT NULL,
    disabled   BOOLEAN NOT NULL,
    service_id INT     NOT NULL
);
CREATE INDEX client_keys_site_id ON client_keys (site_id);

-- allowed_sites: JSON array of site ids; NULL = no ACL.
CREATE TABLE keysets (
    keyset_id     INT     NOT NULL PRIMARY KEY,
    site_id       INT     NOT NULL,
    name          VARCHAR NOT NULL,
    allowed_sites VARCHAR,
    created       BIGINT  NOT NULL,
    enabled       BOOLEAN NOT NULL,
    is_default    BOOLEAN NOT NULL
);

CREATE TABLE keyset_keys (
    key_id    INT    NOT NULL PRIMARY KEY,
    keyset_id INT    NOT NULL,
    created   BIGINT NOT NULL,
    activates BIGINT NOT NULL,
    expires   BIGINT NOT NULL,
    secret    BYTEA  NOT NULL
);
CREATE INDEX keyset_keys_keyset_id ON keyset_keys (keyset_id);

CREATE TABLE client_side_keypairs (
    subscription_id VARCHAR NOT NULL PRIMARY KEY,
    public_key      VARCHAR NOT NULL,
    private_key     VARCHAR NOT NULL,
    site_id         INT     NOT NULL,
    contact         VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    created         BIGINT  NOT NULL,
    disabled        BOOLEAN NOT NULL
);

CREATE TABLE runtime_config (
    id                                   INT     NOT NULL PRIMARY KEY,
    identity_token_expires_after_seconds BIGINT  NOT NULL,
    refresh_token_expires_after_seconds  BIGINT  NOT NULL,
    refresh_identity_token_after_seconds BIGINT  NOT NULL,
    sharing_token_expiry_seconds         BIGINT  NOT NULL,
    max_bidstream_lifetime_seconds       BIGINT,
    max_sharing_lifetime_seconds         BIGINT,
    identity_environment                 VARCHAR NOT NULL,
    CONSTRAINT runtime_config_single_row CHECK (id = 1)
);

CREATE TABLE salt_metadata (
    id               INT     NOT NULL PRIMARY KEY,
    first_level_salt VARCHAR NOT NULL,
    id_prefix        VARCHAR NOT NULL,
    id_secret        VARCHAR NOT NULL,
    CONSTRAINT salt_metadata_single_row CHECK (id = 1)
);

-- Salt buckets in file order, packed in chunks of consecutive buckets (see SaltChunkCodec).
-- salt_bucket_set.version is the change_version of the last bucket write (lets readers reuse a decoded table).
CREATE TABLE salt_bucket_set (
    id           INT    NOT NULL PRIMARY KEY,
    bucket_count INT    NOT NULL,
    version      BIGINT NOT NULL,
    CONSTRAINT salt_bucket_set_single_row CHECK (id = 1)
);
INSERT INTO salt_bucket_set (id, bucket_count, version) VALUES (1, 0, 0);

CREATE TABLE salt_bucket_chunks (
    chunk_no     INT   NOT NULL PRIMARY KEY,
    bucket_count INT   NOT NULL,
    data         BYTEA NOT NULL
);

-- Append-only opt-outs. Appends lock the optout_append_lock row first, so sequence order is commit order.
CREATE TABLE optouts (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_level_hash BYTEA  NOT NULL,
    raw_uid          BYTEA  NOT NULL,
    opted_out_at     BIGINT NOT NULL
);

CREATE TABLE optout_append_lock (
    id       INT    NOT NULL PRIMARY KEY,
    appended BIGINT NOT NULL,
    CONSTRAINT optout_append_lock_single_row CHECK (id = 1)
);
INSERT INTO optout_append_lock (id, appended) VALUES (1, 0);
