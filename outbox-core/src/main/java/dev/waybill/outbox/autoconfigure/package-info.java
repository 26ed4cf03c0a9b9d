/**
 * Spring Boot auto-configuration of the outbox writer, the inbox and the outbox cleanup,
 * configured under {@code waybill.outbox}.
 */
@NullMarked
package dev.waybill.outbox.autoconfigure;

import org.jspecify.annotations.NullMarked;
