-- The versioned store in PostgreSQL: the same records as the file store's data folder
-- (versions/manifest.json, versions/<table>/vNNNN.csv, admin/audit.jsonl, admin/login_state.json)
-- and the users that the file store keeps in .streamlit/secrets.toml.

-- One row: bumped by every commit, in the commit's transaction. A process compares it once per
-- script run to the one its working copy was made from (lib.store.postgres).
CREATE TABLE store_head (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    store_id    uuid NOT NULL DEFAULT gen_random_uuid(),
    commits     bigint NOT NULL DEFAULT 0,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO store_head DEFAULT VALUES;

-- The bytes of every version (canonical CSV) and of every original kept, by their SHA-256. Stored
-- uncompressed (EXTERNAL), so that a working copy reads a large table in slices without holding it whole.
CREATE TABLE contents (
    sha256   text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    payload  bytea NOT NULL
);
ALTER TABLE contents ALTER COLUMN payload SET STORAGE EXTERNAL;

-- The manifest: one row per version of every table, in the order they were recorded.
CREATE TABLE versions (
    seq            bigserial UNIQUE NOT NULL,
    table_name     text NOT NULL,
    version        integer NOT NULL CHECK (version > 0),
    mode           text NOT NULL CHECK (mode IN ('baseline', 'replace', 'append', 'rollback', 'external')),
    time           text NOT NULL,
    user_name      text NOT NULL,
    via            text NOT NULL,
    file           text NOT NULL,
    sha256         text NOT NULL REFERENCES contents (sha256),
    valid          boolean NOT NULL,
    rows           integer,
    rows_added     integer,
    rows_removed   integer,
    rows_changed   integer,
    source_name    text,
    source_sha256  text,
    original       text,
    rollback_of    integer,
    PRIMARY KEY (table_name, version)
);

-- Every write and login; never a data value or a password.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    time        timestamptz NOT NULL,
    user_name   text NOT NULL,
    action      text NOT NULL,
    table_name  text,
    version     integer,
    via         text NOT NULL,
    detail      text,
    recovered   boolean NOT NULL DEFAULT false
);

-- Nothing recorded is ever changed or removed.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER versions_append_only BEFORE UPDATE OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER contents_append_only BEFORE UPDATE OR DELETE ON contents
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Who may write: bcrypt hashes (lib.store.auth), never a password.
CREATE TABLE users (
    name           text PRIMARY KEY CHECK (length(btrim(name)) BETWEEN 1 AND 64),
    password_hash  text NOT NULL CHECK (password_hash ~ '^\$2[abxy]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Wrong passwords per user name (the SHA-256 of the name, never the name as typed): one count for
-- every process.
CREATE TABLE login_attempts (
    throttle_key  text PRIMARY KEY,
    failures      timestamptz[] NOT NULL DEFAULT '{}',
    locked_until  timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
