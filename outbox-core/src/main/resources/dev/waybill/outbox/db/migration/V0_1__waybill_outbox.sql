-- Waybill's outbox, inbox and capture record (PostgreSQL), as Flyway migrations a service
-- runs beside its own: add classpath:dev/waybill/outbox/db/migration to
-- spring.flyway.locations. Versions 0.x sort before a service's own, so that on a new
-- database these tables exist before the service's migrations run; a later library version
-- adds 0.2, 0.3, ..., which Flyway applies after the service's with out-of-order enabled.
-- The same schema as the reference DDL, dev/waybill/outbox/schema-postgresql.sql (a test
-- compares the two).

CREATE TABLE outbox_event (
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

CREATE INDEX outbox_event_occurred_at_idx ON outbox_event (occurred_at);

CREATE INDEX outbox_event_unpublished_idx ON outbox_event (sequence_number)
    WHERE published_at IS NULL;

CREATE TABLE outbox_capture (
    outbox_table regclass    PRIMARY KEY,
    capture      varchar(16) NOT NULL CHECK (capture IN ('LOG', 'POLLING')),
    recorded_at  timestamptz NOT NULL
);

CREATE TABLE processed_event (
    event_id     uuid         PRIMARY KEY,
    event_type   varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now()
);
