package dev.waybill.outbox.jdbc;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Time-ordered event ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then
 * 74 random bits. Ids written close in time land close together in the primary-key index,
 * where random (version 4) ids would touch a random leaf page per insert.
 */
final class EventIds {

	// The same source as UUID.randomUUID(): ids must not collide across processes.
	private static final SecureRandom RANDOM = new SecureRandom();

	private EventIds() {
	}

	static UUID next(Instant now) {
		byte[] random = new byte[10];
		RANDOM.nextBytes(random);
		long millis = now.toEpochMilli();
		long randA = ((random[0] & 0xFFL) << 8 | (random[1] & 0xFFL)) & 0x0FFFL;
		long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
		long low = 0;
		for (int i = 2; i < 10; i++) {
			low = low << 8 | (random[i] & 0xFFL);
		}
		low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low);
	}

}
