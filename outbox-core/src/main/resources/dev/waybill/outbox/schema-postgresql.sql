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
    traceparent       varchar(55)
);

-- The retention cleanup deletes by age.
CREATE INDEX IF NOT EXISTS outbox_event_occurred_at_idx ON outbox_event (occurred_at);

-- Event ids a consumer has applied; the insert commits with the effect.
CREATE TABLE IF NOT EXISTS processed_event (
    event_id     uuid         PRIMARY KEY,
    event_type   varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now()
);
