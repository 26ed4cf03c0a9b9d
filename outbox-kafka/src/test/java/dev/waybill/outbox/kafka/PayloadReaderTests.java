package dev.waybill.outbox.kafka;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.waybill.contract.EventEnvelope;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

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

	@ParameterizedTest(name = "{argumentSetName}")
	@MethodSource("poisonPayloads")
	void aPayloadItCannotUseIsPoison(String payload, List<String> expectedInMessage) {
		ThrowableAssertAlternative<PoisonRecordException> thrown = assertThatExceptionOfType(
				PoisonRecordException.class)
			.isThrownBy(() -> this.reader.read(envelope(payload), Line.class));
		expectedInMessage.forEach(thrown::withMessageContaining);
	}

	static Stream<Arguments> poisonPayloads() {
		return Stream.of(argumentSet("not JSON", "{\"sku\":", List.of("is not valid JSON for Line")),
				argumentSet("failing validation, naming each field", "{\"sku\":\"\",\"quantity\":0}",
						List.of("quantity must be greater than or equal to 1", "sku must not be blank")),
				argumentSet("missing a required field", "{\"sku\":\"SKU-1\"}", List.of("quantity must not be null")),
				argumentSet("a JSON null", "null", List.of("null payload")));
	}

	private static EventEnvelope envelope(String payload) {
		return new EventEnvelope("t", UUID.randomUUID(), "LineAdded", "k", 1, payload, null);
	}

	record Line(@NotBlank String sku, @NotNull @Min(1) Integer quantity) {
	}

}
