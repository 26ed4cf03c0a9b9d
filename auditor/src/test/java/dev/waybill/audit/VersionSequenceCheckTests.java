package dev.waybill.audit;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.waybill.audit.SystemState.InventorySide;
import dev.waybill.audit.SystemState.OrderSide;
import dev.waybill.audit.SystemState.Published;
import dev.waybill.audit.SystemState.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class VersionSequenceCheckTests {

	private final VersionSequenceCheck check = new VersionSequenceCheck();

	@Test
	void acceptsConsecutiveVersionsAndSkipsDuplicateIds() {
		CheckResult result = run(List.of("t-0"), record(0, 0, "a", "e1", "1"), record(0, 1, "a", "e2", "2"),
				record(0, 2, "a", "e2", "2"), record(0, 3, "a", "e3", "3"));
		assertThat(result.passed()).isTrue();
		assertThat(result.checked()).isEqualTo(1);
	}

	@Test
	void acceptsAFirstVersionAboveOneWhenThePartitionWasTrimmed() {
		assertThat(run(List.of(), record(0, 40, "a", "e7", "7"), record(0, 41, "a", "e8", "8")).passed()).isTrue();
	}

	@Test
	void requiresVersionOneFirstWhenThePartitionIsComplete() {
		CheckResult result = run(List.of("t-0"), record(0, 0, "a", "e2", "2"));
		assertThat(result.findings()).extracting(Finding::problem)
			.containsExactly("gap: the first published version is 2 at t-0@0, not 1");
	}

	@Test
	void findsARepeatedVersionWithAnotherId() {
		CheckResult result = run(List.of("t-0"), record(0, 0, "a", "e1", "1"), record(0, 1, "a", "e1b", "1"));
		assertThat(result.findings()).extracting(Finding::problem)
			.containsExactly("reordering: version 1 after 1 at t-0@1");
	}

	@Test
	void findsAnAggregateSpreadOverTwoPartitions() {
		CheckResult result = run(List.of("t-0", "t-1"), record(0, 0, "a", "e1", "1"), record(1, 0, "a", "e2", "2"));
		assertThat(result.findings()).extracting(Finding::id, Finding::problem)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("t/a", "published to partitions 0 and 1"));
	}

	@Test
	void findsARecordWithoutAReadableVersion() {
		CheckResult result = run(List.of("t-0"), record(0, 0, "a", "e1", "one"));
		assertThat(result.findings()).extracting(Finding::id).containsExactly("t-0@0");
	}

	private CheckResult run(List<String> complete, Published... records) {
		return this.check.run(new SystemState(Instant.now(), new OrderSide(List.of(), List.of(), List.of(), List.of()),
				new InventorySide(List.of(), List.of(), List.of(), List.of()),
				new Topics(List.of(records), List.of(), complete)));
	}

	private static Published record(int partition, long offset, String key, String id, String version) {
		return new Published("t", partition, offset, key, id, "Changed", version, "{}");
	}

}
