CREATE TABLE shipment (
    order_id     uuid PRIMARY KEY,
    scheduled_at timestamptz NOT NULL
);
