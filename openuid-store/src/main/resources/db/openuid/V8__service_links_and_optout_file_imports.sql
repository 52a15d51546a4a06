-- Services and service links (spec keys-and-data.md §9): a client key with a non-zero service_id that sends a
-- link_id to /v2/identity/map must name an enabled link of its service with role MAPPER (validate_service_links).
-- Roles are comma-separated names, as in client_keys. Writes move change_version (they are part of the snapshot).
CREATE TABLE services (
    service_id INT     NOT NULL PRIMARY KEY,
    site_id    INT     NOT NULL,
    name       VARCHAR NOT NULL,
    roles      VARCHAR NOT NULL
);

CREATE TABLE service_links (
    service_id INT     NOT NULL,
    link_id    VARCHAR NOT NULL,
    site_id    INT     NOT NULL,
    name       VARCHAR NOT NULL,
    roles      VARCHAR NOT NULL,
    disabled   BOOLEAN NOT NULL,
    PRIMARY KEY (service_id, link_id)
);

-- Imports of upstream opt-out files (72-byte records): records whose advertising id is not the raw UID the imported
-- salts give for their first-level hash (still honoured by first-level hash).
ALTER TABLE optout_imports ADD COLUMN unmatched BIGINT DEFAULT 0 NOT NULL;
