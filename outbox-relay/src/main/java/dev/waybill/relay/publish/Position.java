package dev.waybill.relay.publish;

import org.jspecify.annotations.Nullable;

/**
 * Where a source stands once a batch is published: a record for the relay's offsets
 * topic, written with the batch (in exactly-once mode, in the same Kafka transaction).
 * Each capture gives it its own key and meaning; publishing only writes it.
 *
 * @param key the record key, one per source and capture
 * @param value the position, or {@code null} to remove the key's position (a tombstone)
 */
public record Position(byte[] key, byte @Nullable [] value) {

}
