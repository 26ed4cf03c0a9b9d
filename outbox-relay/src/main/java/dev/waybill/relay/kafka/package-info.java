/**
 * Kafka clients: the settings of the relay's producers, consumers and admin clients,
 * taken from Spring Boot's {@code spring.kafka.*} as Boot resolves them, with the ones
 * the relay's guarantees rest on kept by the relay.
 */
@NullMarked
package dev.waybill.relay.kafka;

import org.jspecify.annotations.NullMarked;
