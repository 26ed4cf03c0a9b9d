package dev.waybill.bench.saga;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.jspecify.annotations.Nullable;

/**
 * Where an order's time goes, hop by hop, read after a saga benchmark from the broker's
 * log segments: each event's id holds the millisecond its service appended it (a version
 * 7 UUID), and each record's timestamp is when the relay sent it. The orders counted are
 * those placed in the longest stretch of seconds that each saw between {@code low} and
 * {@code high} placements: a fixed-rate phase. Arguments: the broker's log directory (for
 * example {@code benchmarks/target/saga-benchmark/stack/kafka}), {@code low},
 * {@code high}.
 */
public final class SagaHops {

	private static final List<String> HOPS = List.of("OrderPlaced: appended -> sent by the relay",
			"inventory: OrderPlaced sent -> StockReserved appended", "StockReserved: appended -> sent by the relay",
			"order-service: StockReserved sent -> OrderConfirmed appended",
			"OrderConfirmed: appended -> sent by the relay", "all: OrderPlaced appended -> OrderConfirmed sent");

	private record Event(long appended, long sent) {
	}

	private SagaHops() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, Map<String, Event>> orders = new HashMap<>();
		try (Stream<Path> partitions = Files.list(Path.of(args[0]))) {
			for (Path partition : partitions.filter(SagaHops::isSagaTopic).toList()) {
				read(partition, orders);
			}
		}
		long[] stretch = longestStretch(orders, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
		List<long[]> hops = new ArrayList<>();
		orders.values().forEach((events) -> hopsOf(events, stretch).ifPresent(hops::add));
		System.out.printf("%d orders placed %s to %s%n", hops.size(), Instant.ofEpochSecond(stretch[0]),
				Instant.ofEpochSecond(stretch[1]));
		for (int hop = 0; hop < HOPS.size(); hop++) {
			int index = hop;
			long[] millis = hops.stream().mapToLong((each) -> each[index]).sorted().toArray();
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %d |%n", HOPS.get(hop), percentile(millis, 50),
					percentile(millis, 90), percentile(millis, 99));
		}
	}

	private static boolean isSagaTopic(Path partition) {
		String name = partition.getFileName().toString();
		return name.startsWith("outbox.event.order-") || name.startsWith("outbox.event.reservation-");
	}

	private static void read(Path partition, Map<String, Map<String, Event>> orders) throws IOException {
		try (Stream<Path> files = Files.list(partition)) {
			for (Path segment : files.filter((file) -> file.toString().endsWith(".log")).toList()) {
				try (FileRecords records = FileRecords.open(segment.toFile())) {
					for (RecordBatch batch : records.batches()) {
						if (!batch.isControlBatch()) {
							batch.forEach((record) -> add(record, orders));
						}
					}
				}
			}
		}
	}

	private static void add(Record record, Map<String, Map<String, Event>> orders) {
		String type = header(record, "eventType");
		String id = header(record, "id");
		if (type == null || id == null || !record.hasKey()) {
			return;
		}
		long appended = UUID.fromString(id).getMostSignificantBits() >>> 16;
		orders.computeIfAbsent(StandardCharsets.UTF_8.decode(record.key()).toString(), (key) -> new HashMap<>())
			.put(type, new Event(appended, record.timestamp()));
	}

	private static @Nullable String header(Record record, String key) {
		for (Header header : record.headers()) {
			if (header.key().equals(key)) {
				return new String(header.value(), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	// the first and last second of the longest run of seconds (gaps of one allowed) in
	// which between low and high orders were placed
	private static long[] longestStretch(Map<String, Map<String, Event>> orders, int low, int high) {
		Map<Long, Integer> perSecond = new TreeMap<>();
		orders.values().forEach((events) -> {
			Event placed = events.get("OrderPlaced");
			if (placed != null) {
				perSecond.merge(placed.appended() / 1000, 1, Integer::sum);
			}
		});
		long[] best = { 0, -1 };
		long start = 0;
		long previous = Long.MIN_VALUE / 2;
		for (Map.Entry<Long, Integer> second : perSecond.entrySet()) {
			if (second.getValue() < low || second.getValue() > high) {
				continue;
			}
			start = (second.getKey() - previous > 2) ? second.getKey() : start;
			previous = second.getKey();
			if (previous - start > best[1] - best[0]) {
				best = new long[] { start, previous };
			}
		}
		return best;
	}

	private static Optional<long[]> hopsOf(Map<String, Event> events, long[] stretch) {
		Event placed = events.get("OrderPlaced");
		Event reserved = events.get("StockReserved");
		Event confirmed = events.get("OrderConfirmed");
		if (placed == null || reserved == null || confirmed == null || placed.appended() / 1000 < stretch[0]
				|| placed.appended() / 1000 > stretch[1]) {
			return Optional.empty();
		}
		return Optional.of(new long[] { placed.sent() - placed.appended(), reserved.appended() - placed.sent(),
				reserved.sent() - reserved.appended(), confirmed.appended() - reserved.sent(),
				confirmed.sent() - confirmed.appended(), confirmed.sent() - placed.appended() });
	}

	private static long percentile(long[] sorted, int percentile) {
		return (sorted.length == 0) ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
	}

}
