package dev.waybill.outbox.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import dev.waybill.outbox.PayloadMapper;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON examples that document a service's events, checked from both sides of the
 * contract: an event the service produces must serialize to its own example, and the
 * producer's example of an event the service consumes must parse tolerantly (unknown
 * fields ignored) and validate.
 */
public final class EventExamples {

	// the mapper outbox writers and readers use unless the application chooses its own
	private final ObjectMapper writer = PayloadMapper.libraryMapper();

	private final ObjectMapper reader = PayloadMapper.libraryMapper();

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	private final String produced;

	private final Path consumed;

	/**
	 * @param produced the class-path folder of the service's own examples, such as
	 * {@code /dev/waybill/order/}
	 * @param consumed the source folder of the examples the producing service documents
	 * for the events this service consumes
	 */
	public EventExamples(String produced, Path consumed) {
		this.produced = produced;
		this.consumed = consumed;
	}

	/**
	 * Asserts that an event serializes to the same JSON as its example.
	 * @param event the event the service produces
	 * @param example the example's path under the service's own folder
	 * @throws IOException when the example cannot be read
	 */
	public void assertProduces(Object event, String example) throws IOException {
		String path = this.produced + example;
		try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(path), path)) {
			assertThat(this.writer.readTree(this.writer.writeValueAsString(event)))
				.isEqualTo(this.writer.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
	}

	/**
	 * Reads a producer's example as this service's record and asserts that it is valid.
	 * @param <T> the record type
	 * @param example the example's path under the producer's folder
	 * @param type the record the service reads the event into
	 * @return the event read
	 * @throws IOException when the example cannot be read
	 */
	public <T> T consume(String example, Class<T> type) throws IOException {
		T event = this.reader.readValue(Files.readString(this.consumed.resolve(example)), type);
		assertThat(this.validator.validate(event)).isEmpty();
		return event;
	}

}
