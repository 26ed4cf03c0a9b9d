package dev.waybill.inventory;

import dev.waybill.contract.WireContract;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * inventory-service settings.
 *
 * @param topicPrefix the prefix of the topics the relay publishes to; the listener reads
 * {@code <prefix>order}
 */
@Validated
@ConfigurationProperties("waybill.inventory")
public record InventoryProperties(@DefaultValue(WireContract.TOPIC_PREFIX) @NotBlank String topicPrefix) {
}
