-- A command-line write's audit line names the operating-system account that ran it, beside the name the
-- person typed (lib.store.audit_log.os_user); the file store's lines carry it as "os_user".
ALTER TABLE audit_log ADD COLUMN os_user text;
