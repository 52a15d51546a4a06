-- An opt-out record is identified by its (first-level hash, raw UID) pair: repeating a pair adds nothing.
-- Remove repeats written before this rule (keeping the first), then enforce it.
DELETE FROM optouts o WHERE EXISTS (
    SELECT 1 FROM optouts p WHERE p.first_level_hash = o.first_level_hash AND p.raw_uid = o.raw_uid AND p.seq < o.seq);
CREATE UNIQUE INDEX optouts_pair ON optouts (first_level_hash, raw_uid);

-- Progress of bulk opt-out imports (openuid admin optout import), one row per file content hash.
CREATE TABLE optout_imports (
    file_sha256       VARCHAR(64) NOT NULL PRIMARY KEY,
    file_size         BIGINT      NOT NULL,
    id_type           VARCHAR(16) NOT NULL,
    next_offset       BIGINT      NOT NULL,
    lines_read        BIGINT      NOT NULL,
    added             BIGINT      NOT NULL,
    already_opted_out BIGINT      NOT NULL,
    invalid           BIGINT      NOT NULL,
    complete          BOOLEAN     NOT NULL,
    updated_at        BIGINT      NOT NULL
);
