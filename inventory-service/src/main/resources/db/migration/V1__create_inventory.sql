-- Products and their stock, and reservations per order. The outbox, the inbox and the capture
-- record come from outbox-core's migrations (classpath:dev/waybill/outbox/db/migration).

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
