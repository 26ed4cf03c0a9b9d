-- Reference DDL for the outbox and the inbox (PostgreSQL). A service copies it into its own
-- Flyway migration: the service owns its schema. The outbox columns follow Debezium's
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

-- Event ids a consumer has applied; the insert commits with the effect.
CREATE TABLE IF NOT EXISTS processed_event (
    event_id     uuid         PRIMARY KEY,
    event_type   varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now()
);
