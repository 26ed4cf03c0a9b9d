-- Waybill's outbox, inbox and capture record (PostgreSQL). The library applies these
-- migrations itself, with a Flyway schema history table of its own
-- (waybill_outbox_schema_history), after the service's own migrations: the service's
-- Flyway settings do not change, and a later library version's migrations never
-- interleave with the service's. Each creates only what is missing, so that a database
-- that holds these tables already (from the time services applied these migrations with
-- their own) is brought up to date without error.
-- The same schema as the reference DDL, dev/waybill/outbox/schema-postgresql.sql (a test
-- compares the two).

CREATE TABLE IF NOT EXISTS outbox_event (
    id                uuid         PRIMARY KEY,
    aggregatetype     varchar(255) NOT NULL,
    aggregateid       varchar(255) NOT NULL,
    type              varchar(255) NOT NULL,
    payload           jsonb        NOT NULL,
    aggregate_version bigint       NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    traceparent       varchar(55),
    sequence_number   bigint       GENERATED ALWAYS AS IDENTITY,
    published_at      timestamptz
);

CREATE INDEX IF NOT EXISTS outbox_event_occurred_at_idx ON outbox_event (occurred_at);

CREATE INDEX IF NOT EXISTS outbox_event_unpublished_idx ON outbox_event (sequence_number)
    WHERE published_at IS NULL;

CREATE TABLE IF NOT EXISTS outbox_capture (
    outbox_table regclass    PRIMARY KEY,
    capture      varchar(16) NOT NULL CHECK (capture IN ('LOG', 'POLLING')),
    recorded_at  timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS processed_event (
    event_id     uuid         PRIMARY KEY,
    event_type   varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now()
);
