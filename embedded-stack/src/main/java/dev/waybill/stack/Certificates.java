package dev.waybill.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority of its own and a server certificate it signed, for
 * {@code localhost} and {@code 127.0.0.1}, made with the JDK's {@code keytool}: what a
 * server started for TLS tests and demos needs, and the CA file its clients trust. Made
 * afresh for each directory; nothing is kept anywhere else.
 *
 * @param authority the CA's certificate (PEM), which clients trust
 * @param serverCertificate the server's certificate (PEM), signed by the CA
 * @param serverKey the server's private key (unencrypted PKCS-8 PEM), readable by its
 * owner only
 */
public record Certificates(Path authority, Path serverCertificate, Path serverKey) {

	// protects only the throw-away key stores the files are made from
	private static final String STORE_PASSWORD = "waybill-certificates";

	private static final String KEY = "-keyalg EC -groupname secp256r1 -validity 3650";

	/**
	 * Makes a CA and a server certificate in a directory.
	 * @param directory where the files go; created when missing
	 * @param name the CA's common name, which tells several CAs apart
	 * @return the files
	 * @throws IllegalStateException when {@code keytool} fails
	 */
	public static Certificates create(Path directory, String name) {
		try {
			Files.createDirectories(directory);
			Path ca = directory.resolve("ca.p12");
			Path server = directory.resolve("server.p12");
			keytool(directory, "-genkeypair -alias ca -dname CN=" + name + " -ext bc:c " + KEY, ca);
			keytool(directory, "-genkeypair -alias server -dname CN=localhost " + KEY, server);
			keytool(directory, "-certreq -alias server -file server.csr", server);
			keytool(directory, "-gencert -alias ca -infile server.csr -outfile server.crt -rfc -validity 3650"
					+ " -ext SAN=dns:localhost,ip:127.0.0.1 -ext EKU=serverAuth", ca);
			keytool(directory, "-exportcert -alias ca -rfc -file ca.crt", ca);
			Path key = directory.resolve("server.key");
			Files.writeString(key, pem("PRIVATE KEY", privateKey(server, "server").getEncoded()));
			Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
			return new Certificates(directory.resolve("ca.crt"), directory.resolve("server.crt"), key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void keytool(Path directory, String arguments, Path store) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-keystore",
						store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
		command.addAll(List.of(arguments.split(" ", -1)));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		try (InputStream output = process.getInputStream()) {
			String printed = new String(output.readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool " + arguments + " failed: " + printed);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running keytool", ex);
		}
	}

	private static Key privateKey(Path store, String alias) throws IOException {
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(in, STORE_PASSWORD.toCharArray());
			return keys.getKey(alias, STORE_PASSWORD.toCharArray());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read the key of " + alias + " in " + store, ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

}
