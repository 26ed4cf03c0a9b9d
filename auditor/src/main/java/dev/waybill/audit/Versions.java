package dev.waybill.audit;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code aggregateVersion} header, which the relay writes as decimal text.
 */
final class Versions {

	private Versions() {
	}

	static @Nullable Long parse(@Nullable String header) {
		if (header == null) {
			return null;
		}
		try {
			return Long.parseLong(header.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
