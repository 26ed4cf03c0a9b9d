package dev.waybill.outbox;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which JSON mapper writes event payloads into the outbox, or reads them from Kafka. The
 * payload is the wire format other services read, so by default it does not move with the
 * application's own Jackson settings: a {@code JsonMapper} bean that writes snake_case
 * for an HTTP API, or a second and third mapper, change neither the events nor whether
 * the application starts.
 */
public enum PayloadMapper {

	/**
	 * The library's own mapper ({@link #libraryMapper()}), the default.
	 */
	LIBRARY,

	/**
	 * The application's {@code JsonMapper} bean, the only one or the {@code @Primary}
	 * one: an explicit choice to have its settings shape the events.
	 */
	APPLICATION;

	/**
	 * The mapper this choice names.
	 * @param applicationMapper the application's single or primary mapper, {@code null}
	 * when it has none or several without a primary one; asked only for
	 * {@link #APPLICATION}
	 * @param property the setting that made the choice, for the error
	 * @return the mapper
	 * @throws IllegalStateException when the application's mapper is chosen and there is
	 * no single or primary one
	 */
	public JsonMapper select(Supplier<@Nullable JsonMapper> applicationMapper, String property) {
		if (this == LIBRARY) {
			return libraryMapper();
		}
		JsonMapper mapper = applicationMapper.get();
		if (mapper == null) {
			throw new IllegalStateException(property + "=application needs the application's JsonMapper, but it has"
					+ " none, or several and none of them @Primary: mark one @Primary, or leave " + property
					+ " at library");
		}
		return mapper;
	}

	/**
	 * A new mapper with the library's fixed settings: property names as the Java
	 * components are named, dates and times as ISO-8601 text, no modules but Jackson's
	 * own (none found on the class path, which would make the format depend on it), and,
	 * when reading, unknown properties ignored, so that producers may add fields.
	 * @return the mapper
	 */
	public static JsonMapper libraryMapper() {
		return JsonMapper.builder()
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

}
