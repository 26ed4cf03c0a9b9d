package dev.waybill.relay.publish;

/**
 * Where publishing writes.
 *
 * @param prefix an event's topic is this prefix followed by its aggregate type
 * @param deadLetter where rows that cannot be routed go
 * @param offsets the compacted topic of every source's position
 */
public record Topics(String prefix, String deadLetter, String offsets) {

}
