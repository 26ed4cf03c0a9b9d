package dev.waybill.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP settings shared by the services.
 *
 * @param maxRequestBody the largest request body accepted; a larger one gets {@code 413}
 * before anything reads it
 */
@Validated
@ConfigurationProperties("waybill.web")
public record ServiceWebProperties(@DefaultValue("64KB") @NotNull DataSize maxRequestBody) {
}
