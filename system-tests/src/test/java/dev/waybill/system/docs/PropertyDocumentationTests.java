package dev.waybill.system.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.waybill.system.docs.PropertyTable.DocumentedProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every module's README against the configuration properties its build describes: no
 * property documented that the code lacks, none the code has left out, no default that is
 * not the real one.
 */
class PropertyDocumentationTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final String METADATA = "target/classes/META-INF/spring-configuration-metadata.json";

	@TestFactory
	Stream<DynamicTest> everyModulesReadmeDocumentsItsPropertiesAsTheCodeHasThem() throws IOException {
		List<Path> modules = modulesWithProperties();
		assertThat(modules).extracting((module) -> ROOT.relativize(module).toString())
			.contains("outbox-core", "outbox-kafka", "outbox-relay");
		return modules.stream()
			.map((module) -> DynamicTest.dynamicTest(ROOT.relativize(module) + "'s README",
					() -> assertThat(PropertyDocumentation.findings(ModuleMetadata.of(module),
							Files.readString(module.resolve("README.md"))))
						.isEmpty()));
	}

	@Test
	void aRowOfSeveralNamesGivesTheLaterOnesTheFirstOnesParentAndEachItsDefault() {
		List<DocumentedProperty> documented = PropertyTable.read("""
				## Configuration (`demo.*`)

				| property | default | meaning |
				|---|---|---|
				| `restart.initial` / `restart.max` | `1s` / `30s` | backoff |
				| `sources[n].username` / `password` | | the role |
				| `name` | (required) | |
				""");

		assertThat(documented).containsExactly(new DocumentedProperty("demo.restart.initial", "1s"),
				new DocumentedProperty("demo.restart.max", "30s"),
				new DocumentedProperty("demo.sources[n].username", null),
				new DocumentedProperty("demo.sources[n].password", null), new DocumentedProperty("demo.name", null));
	}

	@Test
	void aMisspelledPropertyAMissingOneAndAWrongDefaultAreEachFound(@TempDir Path module) throws IOException {
		Files.createDirectories(module.resolve(METADATA).getParent());
		Files.writeString(module.resolve(METADATA), """
				{"properties": [
				  {"name": "demo.size", "type": "java.lang.Integer", "defaultValue": 10},
				  {"name": "demo.interval", "type": "java.time.Duration", "defaultValue": "PT1M"},
				  {"name": "demo.timeout", "type": "java.time.Duration", "defaultValue": "30s"},
				  {"name": "demo.hidden", "type": "java.lang.String"}]}
				""");
		String readme = """
				## Configuration (`demo.*`)

				| property | default | meaning |
				|---|---|---|
				| `size` | `10` | |
				| `interval` | `1m` | the same duration as PT1M |
				| `timeout` | `1m` | |
				| `sise` | | |
				""";

		assertThat(PropertyDocumentation.findings(ModuleMetadata.of(module), readme)).containsExactlyInAnyOrder(
				"demo.timeout is documented with default 1m but has 30s",
				"demo.sise is documented but is no property of the module",
				"demo.hidden is missing from the README's property tables");
	}

	@Test
	void aReadmeWithoutTablesMustStillNameEveryProperty(@TempDir Path module) throws IOException {
		Files.createDirectories(module.resolve(METADATA).getParent());
		Files.writeString(module.resolve(METADATA), """
				{"properties": [{"name": "demo.page-size", "type": "java.lang.Integer"},
				  {"name": "demo.topic-prefix", "type": "java.lang.String"}]}
				""");

		assertThat(PropertyDocumentation.findings(ModuleMetadata.of(module), "Configuration: `page-size` (20)."))
			.containsExactly("demo.topic-prefix is not named in the README");
	}

	private static List<Path> modulesWithProperties() throws IOException {
		try (Stream<Path> top = Files.list(ROOT); Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
			return Stream.concat(top, examples)
				.filter((module) -> Files.isRegularFile(module.resolve(METADATA)))
				.sorted()
				.toList();
		}
	}

}
