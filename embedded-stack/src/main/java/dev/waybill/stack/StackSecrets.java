package dev.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The key material and passwords of a secured stack, kept in one directory: a CA and the
 * servers' certificate ({@link Certificates}) in {@code tls/}, and a generated password
 * for each role in {@code users/NAME/password}, which is the same role in PostgreSQL and
 * the same SCRAM user in Kafka. Made once, at the first start, and read by every later
 * start, so that a kept stack keeps its credentials; each file is readable by its owner
 * only.
 *
 * <p>
 * A secured PostgreSQL takes the roles of {@link #users()} over TLS only
 * ({@code hostssl}, SCRAM passwords); the superuser keeps a loopback login without TLS
 * for the harness, as a secured broker keeps its PLAINTEXT listener (see
 * {@link SaslSslListener}).
 *
 * @param directory where the files are
 */
public record StackSecrets(Path directory) {

	private static final int PASSWORD_BYTES = 24;

	private static final String HBA = """
			# written by the Waybill embedded stack: TLS and a password for every role but the
			# superuser, who keeps a login on loopback for the harness
			local all all trust
			host all %1$s 127.0.0.1/32 trust
			hostnossl all all 127.0.0.1/32 reject
			hostssl all all 127.0.0.1/32 scram-sha-256
			""";

	/**
	 * @return the roles and users that get a password: the relay's and each service's
	 */
	public static List<String> users() {
		return List.of(ServiceDatabase.RELAY_USER, ServiceDatabase.ORDERS.user(), ServiceDatabase.INVENTORY.user());
	}

	/**
	 * Makes the CA, the servers' certificate and the passwords that are missing in a
	 * directory; what is there already is kept.
	 * @param directory where the files go
	 * @return the secrets
	 */
	public static StackSecrets prepare(Path directory) {
		StackSecrets secrets = new StackSecrets(directory);
		try {
			Files.createDirectories(directory);
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			if (!Files.exists(secrets.certificates().serverKey())) {
				Certificates.create(secrets.certificatesDirectory(), "waybill-stack-ca");
			}
			for (String user : users()) {
				Path file = secrets.passwordFile(user);
				if (!Files.exists(file)) {
					Files.createDirectories(file.getParent());
					Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
					writePrivately(file, newPassword());
				}
			}
			return secrets;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the stack's secrets in " + directory, ex);
		}
	}

	/**
	 * @return the CA, the servers' certificate and its key
	 */
	public Certificates certificates() {
		Path tls = certificatesDirectory();
		return new Certificates(tls.resolve("ca.crt"), tls.resolve("server.crt"), tls.resolve("server.key"));
	}

	/**
	 * @param user one of {@link #users()}
	 * @return the file that holds its password, without a line break: {@code password} in
	 * a directory of the user's own, which a Spring Boot client can import whole as a
	 * config tree
	 */
	public Path passwordFile(String user) {
		if (!users().contains(user)) {
			throw new IllegalArgumentException("The stack has no password for '" + user + "'; it has " + users());
		}
		return this.directory.resolve("users").resolve(user).resolve("password");
	}

	/**
	 * @param user one of {@link #users()}
	 * @return its password
	 * @throws IllegalStateException when the secrets were not prepared
	 */
	public String password(String user) {
		Path file = passwordFile(user);
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No password for '" + user + "' in " + file
					+ ": the secrets of a secured stack are made by its first start", ex);
		}
	}

	/**
	 * The server settings that make PostgreSQL take the roles over TLS only.
	 * @return {@code ssl}, the certificate and key, and an {@code hba_file} written here
	 */
	public Map<String, String> postgresConfiguration() {
		Path hba = this.directory.resolve("pg_hba.conf");
		try {
			writePrivately(hba, HBA.formatted(PostgresServer.SUPERUSER));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + hba, ex);
		}
		Certificates certificates = certificates();
		return Map.of("ssl", "on", "ssl_cert_file", certificates.serverCertificate().toString(), "ssl_key_file",
				certificates.serverKey().toString(), "hba_file", hba.toString(), "password_encryption",
				"scram-sha-256");
	}

	private Path certificatesDirectory() {
		return this.directory.resolve("tls");
	}

	private static String newPassword() {
		byte[] bytes = new byte[PASSWORD_BYTES];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	// written aside and moved into place: two servers starting side by side may each
	// write the same file
	private static void writePrivately(Path file, String content) throws IOException {
		Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(written, content);
		Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
