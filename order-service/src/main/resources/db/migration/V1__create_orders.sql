-- Orders, their lines and the product replica. The outbox, the inbox and the capture record
-- come from outbox-core's migrations (classpath:dev/waybill/outbox/db/migration).

CREATE TABLE customer_order (
    id              uuid         PRIMARY KEY,
    customer_id     varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    reason          text,
    version         bigint       NOT NULL CHECK (version >= 1),
    idempotency_key varchar(255) UNIQUE,
    request_hash    char(64),
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);

CREATE INDEX customer_order_status_created_idx ON customer_order (status, created_at, id);
CREATE INDEX customer_order_created_idx ON customer_order (created_at, id);

CREATE TABLE order_line (
    order_id uuid        NOT NULL REFERENCES customer_order (id),
    line_no  integer     NOT NULL,
    sku      varchar(64) NOT NULL,
    quantity integer     NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, sku)
);

-- inventory's stock as last seen; a row only moves to a strictly newer version
CREATE TABLE product_replica (
    sku        varchar(64)  PRIMARY KEY,
    name       varchar(200) NOT NULL,
    available  integer      NOT NULL,
    reserved   integer      NOT NULL,
    version    bigint       NOT NULL,
    updated_at timestamptz  NOT NULL
);
