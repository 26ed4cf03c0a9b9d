-- Where log capture took over each outbox table: the replication slot it reads and the
-- slot's consistent point. Every row committed before that point was published (or
-- marked published) before the relay recorded LOG; every row committed after it is in the
-- slot. The same columns as the reference DDL, dev/waybill/outbox/schema-postgresql.sql.

ALTER TABLE outbox_capture ADD COLUMN IF NOT EXISTS slot_name text;

ALTER TABLE outbox_capture ADD COLUMN IF NOT EXISTS boundary_lsn pg_lsn;
