package dev.waybill.outbox.jdbc;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTests {

	@Test
	void makesVersionSevenIdsWithTheRfcVariant() {
		UUID id = EventIds.next(Instant.now());
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
	}

	@Test
	void putsTheMillisecondsInTheFirstFortyEightBits() {
		Instant now = Instant.parse("2026-11-24T23:59:58.123Z");
		UUID id = EventIds.next(now);
		assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
	}

	@Test
	void ordersIdsOfLaterMillisecondsAfterEarlierOnes() {
		Instant now = Instant.parse("2026-11-24T23:59:58.123Z");
		UUID earlier = EventIds.next(now);
		UUID later = EventIds.next(now.plusMillis(1));
		// PostgreSQL compares uuids as unsigned bytes, which is this string order.
		assertThat(later.toString()).isGreaterThan(earlier.toString());
	}

	@Test
	void makesDistinctIdsWithinOneMillisecond() {
		Instant now = Instant.now();
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(EventIds.next(now));
		}
		assertThat(ids).hasSize(10_000);
	}

}
