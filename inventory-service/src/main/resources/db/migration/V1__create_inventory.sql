-- Products and their stock, reservations per order, and the service's outbox and inbox.

CREATE TABLE product (
    sku        varchar(64)  PRIMARY KEY,
    name       varchar(200) NOT NULL,
    -- the last line of defence: no code path may drive stock below zero
    available  integer      NOT NULL CHECK (available >= 0),
    reserved   integer      NOT NULL CHECK (reserved >= 0),
    version    bigint       NOT NULL CHECK (version >= 1),
    created_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL
);

-- one row per order inventory has heard of; CANCELLED without lines records a cancellation
-- that arrived before the order, so that the order can no longer reserve
CREATE TABLE reservation (
    order_id   uuid        PRIMARY KEY,
    status     varchar(16) NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'CANCELLED')),
    reason     text,
    version    bigint      NOT NULL CHECK (version >= 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE reservation_line (
    order_id  uuid        NOT NULL REFERENCES reservation (order_id),
    sku       varchar(64) NOT NULL,
    quantity  integer     NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    -- for a rejected reservation: what was available when it was rejected, on short lines
    available integer,
    PRIMARY KEY (order_id, sku)
);

-- outbox and inbox: the columns of outbox-core's reference DDL (dev/waybill/outbox/schema-postgresql.sql)
CREATE TABLE outbox_event (
    id                uuid         PRIMARY KEY,
    aggregatetype     varchar(255) NOT NULL,
    aggregateid       varchar(255) NOT NULL,
    type              varchar(255) NOT NULL,
    payload           jsonb        NOT NULL,
    aggregate_version bigint       NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    traceparent       varchar(55)
);

CREATE INDEX outbox_event_occurred_at_idx ON outbox_event (occurred_at);

CREATE TABLE processed_event (
    event_id     uuid         PRIMARY KEY,
    event_type   varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now()
);
