package dev.waybill.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StackSecretsTests {

	@Test
	void aPasswordForEachUserInADirectoryOfItsOwnReadableByItsOwnerOnlyAndKeptByTheNextStart(@TempDir Path directory)
			throws Exception {
		StackSecrets secrets = StackSecrets.prepare(directory.resolve("secrets"));
		List<String> passwords = StackSecrets.users().stream().map(secrets::password).toList();

		assertThat(passwords).doesNotHaveDuplicates().allSatisfy((password) -> assertThat(password).hasSize(48));
		for (String user : StackSecrets.users()) {
			assertThat(secrets.passwordFile(user)).hasFileName("password");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.passwordFile(user))))
				.isEqualTo("rw-------");
			assertThat(PosixFilePermissions
				.toString(Files.getPosixFilePermissions(secrets.passwordFile(user).getParent())))
				.isEqualTo("rwx------");
		}
		assertThat(StackSecrets.prepare(directory.resolve("secrets")).password("relay")).isEqualTo(passwords.get(0));
		assertThat(secrets.certificates().authority()).exists();
	}

	@Test
	void postgresTakesTheRolesOverTlsOnlyWithTheSuperuserKeepingLoopback(@TempDir Path directory) throws Exception {
		StackSecrets secrets = StackSecrets.prepare(directory);

		assertThat(secrets.postgresConfiguration()).containsEntry("ssl", "on")
			.containsEntry("ssl_key_file", secrets.certificates().serverKey().toString());
		assertThat(Files.readString(directory.resolve("pg_hba.conf"))).contains("hostnossl all all 127.0.0.1/32 reject",
				"hostssl all all 127.0.0.1/32 scram-sha-256", "host all postgres 127.0.0.1/32 trust");
	}

	@Test
	void namesWhatIsMissing(@TempDir Path directory) {
		StackSecrets unprepared = new StackSecrets(directory);
		assertThatIllegalStateException().isThrownBy(() -> unprepared.password("orders"))
			.withMessageContaining("the secrets of a secured stack are made by its first start");
		assertThatIllegalArgumentException().isThrownBy(() -> unprepared.passwordFile("billing"))
			.withMessage("The stack has no password for 'billing'; it has [relay, orders, inventory]");
	}

}
