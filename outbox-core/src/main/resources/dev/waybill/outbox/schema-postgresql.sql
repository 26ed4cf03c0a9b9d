-- Reference DDL for the outbox, the inbox and the capture record (PostgreSQL), as
-- waybill.outbox.schema=script runs it. With schema=flyway (the default) the library applies
-- the same schema as migrations instead, classpath:dev/waybill/outbox/db/migration (a test
-- keeps the two equal). The outbox columns follow Debezium's
-- EventRouter defaults (id, aggregatetype, aggregateid, type, payload) so that its routing
-- and consumers written for it work unchanged.

CREATE TABLE IF NOT EXISTS outbox_event (
    id                uuid         PRIMARY KEY,
    aggregatetype     varchar(255) NOT NULL,
    aggregateid       varchar(255) NOT NULL,
    type              varchar(255) NOT NULL,
    payload           jsonb        NOT NULL,
    aggregate_version bigint       NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    traceparent       varchar(55),
    -- Only a polling relay uses the last two columns (a log-reading relay reads the
    -- write-ahead log instead). The sequence is taken at insert, after the service
    -- locked the aggregate, so it orders each aggregate's events as they were committed.
    sequence_number   bigint       GENERATED ALWAYS AS IDENTITY,
    published_at      timestamptz
);

-- The retention cleanup deletes by age.
CREATE INDEX IF NOT EXISTS outbox_event_occurred_at_idx ON outbox_event (occurred_at);

-- A polling relay reads what is not yet published, in sequence.
CREATE INDEX IF NOT EXISTS outbox_event_unpublished_idx ON outbox_event (sequence_number)
    WHERE published_at IS NULL;

-- How the relay reads each outbox table, recorded by the relay. A polling relay records
-- POLLING when it starts. A log-reading relay records LOG only once it holds the boundary:
-- it created its slot, and published every row committed before the slot's consistent
-- point (boundary_lsn) that was not marked published; every row committed after that
-- point is in the slot. A cleanup deletes a row the relay has not marked published only
-- when LOG is recorded for its table; with a polling relay, or none yet, the row is kept.
CREATE TABLE IF NOT EXISTS outbox_capture (
    outbox_table regclass    PRIMARY KEY,
    capture      varchar(16) NOT NULL CHECK (capture IN ('LOG', 'POLLING')),
    recorded_at  timestamptz NOT NULL,
    slot_name    text,
    boundary_lsn pg_lsn
);

-- A capture table created before the boundary was recorded.
ALTER TABLE outbox_capture ADD COLUMN IF NOT EXISTS slot_name text;
ALTER TABLE outbox_capture ADD COLUMN IF NOT EXISTS boundary_lsn pg_lsn;

-- Event ids a consumer has applied; the insert commits with the effect.
CREATE TABLE IF NOT EXISTS processed_event (
    event_id     uuid         PRIMARY KEY,
    event_type   varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now()
);
