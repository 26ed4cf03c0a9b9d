/**
 * The transactional outbox and inbox, as a service sees them.
 *
 * <p>
 * A service appends events with {@link dev.waybill.outbox.OutboxWriter} in the same local
 * transaction as its business rows, and applies incoming events through
 * {@link dev.waybill.outbox.Inbox} so that a redelivery has no effect. The names shared
 * with the relay and with consumers (columns, headers, topics) are in
 * {@link dev.waybill.contract.WireContract}, in the outbox-contract module.
 */
@NullMarked
package dev.waybill.outbox;

import org.jspecify.annotations.NullMarked;
