package dev.waybill.order;

import dev.waybill.contract.WireContract;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * order-service settings.
 *
 * @param topicPrefix the prefix of the topics the relay publishes to; the listeners read
 * {@code <prefix>reservation} and {@code <prefix>product}
 * @param pageSize the default page size of {@code GET /orders}
 * @param maxPageSize the largest page size a client may ask for
 */
@Validated
@ConfigurationProperties("waybill.order")
public record OrderProperties(@DefaultValue(WireContract.TOPIC_PREFIX) @NotBlank String topicPrefix,
		@DefaultValue("20") @Min(1) @Max(500) int pageSize, @DefaultValue("100") @Min(1) @Max(500) int maxPageSize) {
}
