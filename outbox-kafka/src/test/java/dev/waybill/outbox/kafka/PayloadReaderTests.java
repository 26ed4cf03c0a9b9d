package dev.waybill.outbox.kafka;

import java.util.UUID;

import dev.waybill.contract.EventEnvelope;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PayloadReaderTests {

	private final ObjectMapper strict = JsonMapper.builder()
		.enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final PayloadReader reader = new PayloadReader(this.strict,
			Validation.buildDefaultValidatorFactory().getValidator());

	@Test
	void readsAPayloadAndToleratesFieldsAddedByTheProducer() {
		assertThat(this.reader.read(envelope("{\"sku\":\"SKU-1\",\"quantity\":2,\"addedLater\":true}"), Line.class))
			.isEqualTo(new Line("SKU-1", 2));
	}

	@Test
	void aPayloadThatIsNotJsonIsPoison() {
		assertThatExceptionOfType(PoisonRecordException.class)
			.isThrownBy(() -> this.reader.read(envelope("{\"sku\":"), Line.class))
			.withMessageContaining("is not valid JSON for Line");
	}

	@Test
	void aPayloadThatFailsValidationIsPoisonNamingEachField() {
		assertThatExceptionOfType(PoisonRecordException.class)
			.isThrownBy(() -> this.reader.read(envelope("{\"sku\":\"\",\"quantity\":0}"), Line.class))
			.withMessageContaining("quantity must be greater than or equal to 1")
			.withMessageContaining("sku must not be blank");
	}

	@Test
	void aMissingRequiredFieldIsPoison() {
		assertThatExceptionOfType(PoisonRecordException.class)
			.isThrownBy(() -> this.reader.read(envelope("{\"sku\":\"SKU-1\"}"), Line.class))
			.withMessageContaining("quantity must not be null");
	}

	@Test
	void aJsonNullIsPoison() {
		assertThatExceptionOfType(PoisonRecordException.class)
			.isThrownBy(() -> this.reader.read(envelope("null"), Line.class))
			.withMessageContaining("null payload");
	}

	private static EventEnvelope envelope(String payload) {
		return new EventEnvelope("t", UUID.randomUUID(), "LineAdded", "k", 1, payload, null);
	}

	record Line(@NotBlank String sku, @NotNull @Min(1) Integer quantity) {
	}

}
