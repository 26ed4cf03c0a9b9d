-- What a polling relay needs (waybill.outbox.capture=polling), from the reference DDL in
-- outbox-core: the order it publishes in, and the mark of what it published. A log-reading
-- relay ignores both. Adding an identity column numbers the existing rows.
ALTER TABLE outbox_event
    ADD COLUMN sequence_number bigint GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN published_at    timestamptz;

CREATE INDEX outbox_event_unpublished_idx ON outbox_event (sequence_number)
    WHERE published_at IS NULL;
