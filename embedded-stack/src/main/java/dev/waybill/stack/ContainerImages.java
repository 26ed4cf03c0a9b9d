package dev.waybill.stack;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The container images the Testcontainers tests start: the official ones unless a system
 * property names others, as a host with no image registry does with its stand-ins
 * ({@code docker/standins}). A stand-in is used as a compatible substitute for the
 * official image, never tagged with its name.
 */
public final class ContainerImages {

	/** The system property naming the PostgreSQL image. */
	public static final String POSTGRES_PROPERTY = "waybill.images.postgres";

	/** The system property naming the Kafka image. */
	public static final String KAFKA_PROPERTY = "waybill.images.kafka";

	/** The official PostgreSQL image the tests use by default. */
	public static final String OFFICIAL_POSTGRES = "postgres:17";

	/**
	 * The official Kafka image the tests use by default, at the project's broker version:
	 * the version of the Kafka classes on the class path, so that the image follows the
	 * build.
	 */
	public static final String OFFICIAL_KAFKA = "apache/kafka:" + AppInfoParser.getVersion();

	private ContainerImages() {
	}

	/**
	 * @return the PostgreSQL image to start
	 */
	public static String postgres() {
		return named(POSTGRES_PROPERTY, "WAYBILL_POSTGRES_IMAGE", OFFICIAL_POSTGRES);
	}

	/**
	 * @return the Kafka image to start
	 */
	public static String kafka() {
		return named(KAFKA_PROPERTY, "WAYBILL_KAFKA_IMAGE", OFFICIAL_KAFKA);
	}

	private static String named(String property, String variable, String official) {
		String image = System.getProperty(property);
		if (image == null || image.isBlank()) {
			image = System.getenv(variable);
		}
		return (image == null || image.isBlank()) ? official : image;
	}

}
