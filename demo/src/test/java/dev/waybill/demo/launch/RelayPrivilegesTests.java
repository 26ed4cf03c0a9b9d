package dev.waybill.demo.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RelayPrivilegesTests {

	private static final Path SHIPPED = Path
		.of("../outbox-relay/src/main/resources/dev/waybill/relay/relay-privileges.sql");

	private static final Map<String, String> VARIABLES = Map.of("DBNAME", "orders", "relay", "relay", "publication",
			"waybill_orders");

	@Test
	void interpolatesIdentifiersAndLiteralsAsPsqlDoesAndLeavesCastsAlone() {
		assertThat(RelayPrivileges.interpolate("GRANT CONNECT ON DATABASE :\"DBNAME\" TO :\"relay\";"
				+ " SELECT set_config('x', :'publication', false), '0/0'::pg_lsn", VARIABLES))
			.isEqualTo("GRANT CONNECT ON DATABASE \"orders\" TO \"relay\";"
					+ " SELECT set_config('x', 'waybill_orders', false), '0/0'::pg_lsn");
	}

	@Test
	void quotesWhatAVariableHoldsAsPsqlDoes() {
		assertThat(RelayPrivileges.interpolate(":\"relay\" :'relay'", Map.of("relay", "o'dd\"role")))
			.isEqualTo("\"o'dd\"\"role\" 'o''dd\"role'");
	}

	@Test
	void refusesAVariableWithoutAValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> RelayPrivileges.interpolate(":\"owner\"", VARIABLES))
			.withMessage("No value for the script's variable owner");
	}

	@Test
	void theScriptInTheRelaysJarNeedsNoVariableButThoseTheDemoSets(@TempDir Path directory) throws IOException {
		Path jar = directory.resolve("outbox-relay-exec.jar");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new ZipEntry(RelayPrivileges.SCRIPT));
			out.write(Files.readAllBytes(SHIPPED));
		}
		String script = new RelayPrivileges(jar, 5433).read();

		assertThat(RelayPrivileges.interpolate(script, VARIABLES)).doesNotContain(":\"")
			.doesNotContain(":'")
			.contains("GRANT SELECT, UPDATE (published_at) ON public.outbox_event TO \"relay\"");
	}

}
