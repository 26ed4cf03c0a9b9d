package dev.waybill.audit;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.waybill.audit.SystemState.Published;

/**
 * Check 6, {@code versions-in-order}: per aggregate (topic and key), the
 * {@code aggregateVersion} headers read in partition order rise by exactly one from
 * record to record: a smaller or equal version after a larger one is a reordering, a jump
 * is a gap. The first version must be 1 when the partition still starts at offset 0,
 * since then nothing published before it can have been deleted by the topic's retention.
 * A second record with an id already seen is a duplicate, counted by
 * {@code published-once} and skipped here. An aggregate whose records are spread over two
 * partitions, or a record without a readable version, fails.
 */
final class VersionSequenceCheck implements Check {

	static final String NAME = "versions-in-order";

	@Override
	public CheckResult run(SystemState state) {
		Findings findings = new Findings("gap", "reordering", "partitions", "unreadable");
		Set<String> complete = new HashSet<>(state.topics().complete());
		Map<String, Sequence> sequences = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		for (Published record : state.topics().events()) {
			if (record.eventId() != null && !seen.add(record.eventId())) {
				continue;
			}
			Long version = Versions.parse(record.version());
			if (version == null || record.key() == null) {
				findings.add("unreadable", record.position(),
						"record without a key or a readable aggregateVersion header (" + record.version() + ")");
				continue;
			}
			String aggregate = record.topic() + "/" + record.key();
			Sequence sequence = sequences.computeIfAbsent(aggregate, (key) -> new Sequence(record.partition()));
			sequence.next(aggregate, record, version, complete.contains(record.topic() + "-" + record.partition()),
					findings);
		}
		findings.checked(sequences.size());
		findings.detail(sequences.size() + " aggregates on "
				+ state.topics().events().stream().map(Published::topic).distinct().sorted().toList());
		return findings.result(NAME, "per aggregate, published aggregateVersions have no gaps or reordering");
	}

	/**
	 * The versions of one aggregate so far.
	 */
	private static final class Sequence {

		private final int partition;

		private long last;

		Sequence(int partition) {
			this.partition = partition;
		}

		void next(String aggregate, Published record, long version, boolean fromStart, Findings findings) {
			if (record.partition() != this.partition) {
				findings.add("partitions", aggregate,
						"published to partitions " + this.partition + " and " + record.partition());
				return;
			}
			if (this.last == 0) {
				if (fromStart && version != 1) {
					findings.add("gap", aggregate,
							"gap: the first published version is " + version + " at " + record.position() + ", not 1");
				}
			}
			else if (version <= this.last) {
				findings.add("reordering", aggregate,
						"reordering: version " + version + " after " + this.last + " at " + record.position());
			}
			else if (version != this.last + 1) {
				findings.add("gap", aggregate,
						"gap: version " + version + " after " + this.last + " at " + record.position());
			}
			this.last = Math.max(this.last, version);
		}

	}

}
