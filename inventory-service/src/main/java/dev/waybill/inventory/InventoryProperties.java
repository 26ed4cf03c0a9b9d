package dev.waybill.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * inventory-service settings.
 *
 * @param topicPrefix the prefix of the topics the relay publishes to; the listener reads
 * {@code <prefix>order}
 * @param maxRequestBody the largest request body accepted; larger ones get {@code 413}
 */
@Validated
@ConfigurationProperties("waybill.inventory")
public record InventoryProperties(@DefaultValue("outbox.event.") @NotBlank String topicPrefix,
		@DefaultValue("64KB") @NotNull DataSize maxRequestBody) {
}
