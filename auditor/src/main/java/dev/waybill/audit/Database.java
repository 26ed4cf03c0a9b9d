package dev.waybill.audit;

import java.util.Objects;

/**
 * A service database the auditor reads.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} URL
 * @param username a role that may read the service's tables
 * @param password its password
 */
public record Database(String jdbcUrl, String username, String password) {

	/**
	 * Validates the URL up front, so a typo is a clear error rather than a missing
	 * driver.
	 */
	public Database {
		Objects.requireNonNull(jdbcUrl, "jdbcUrl");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
		if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
			throw new IllegalArgumentException("A database URL must start with jdbc:postgresql://, was " + jdbcUrl);
		}
	}

}
