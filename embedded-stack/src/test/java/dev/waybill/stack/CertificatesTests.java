package dev.waybill.stack;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class CertificatesTests {

	@Test
	void theServerCertificateIsSignedByTheAuthorityAndNamesTheLoopbackHost(@TempDir Path directory) throws Exception {
		Certificates certificates = Certificates.create(directory, "test-ca");

		X509Certificate authority = read(certificates.authority());
		X509Certificate server = read(certificates.serverCertificate());
		server.verify(authority.getPublicKey());
		assertThat(authority.getBasicConstraints()).as("a CA").isNotNegative();
		assertThat(server.getSubjectAlternativeNames().stream().map((name) -> String.valueOf(name.get(1))))
			.containsExactlyInAnyOrder("localhost", "127.0.0.1");
		assertThat(Files.readString(certificates.serverKey())).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificates.serverKey())))
			.isEqualTo("rw-------");
	}

	@Test
	void twoAuthoritiesDoNotTrustEachOthersCertificates(@TempDir Path directory) throws Exception {
		Certificates one = Certificates.create(directory.resolve("one"), "one");
		Certificates other = Certificates.create(directory.resolve("other"), "other");

		X509Certificate server = read(one.serverCertificate());
		assertThatException().isThrownBy(() -> server.verify(read(other.authority()).getPublicKey()));
		assertThat(List.of(read(one.authority()).getSubjectX500Principal().getName(),
				read(other.authority()).getSubjectX500Principal().getName()))
			.containsExactly("CN=one", "CN=other");
	}

	private static X509Certificate read(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
