package dev.waybill.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what one check finds: every offence is counted by kind, the first few are
 * kept.
 */
final class Findings {

	private final List<Finding> first = new ArrayList<>();

	private final List<String> details = new ArrayList<>();

	private final Map<String, Long> counts = new LinkedHashMap<>();

	private long failed;

	private long checked;

	/**
	 * @param kinds every kind of offence the check counts, so that a report shows the
	 * zeros too
	 */
	Findings(String... kinds) {
		for (String kind : kinds) {
			this.counts.put(kind, 0L);
		}
	}

	void add(String kind, Object id, String problem) {
		if (!this.counts.containsKey(kind)) {
			throw new IllegalArgumentException("Undeclared kind of finding: " + kind);
		}
		this.counts.merge(kind, 1L, Long::sum);
		this.failed++;
		if (this.first.size() < CheckResult.MAX_FINDINGS) {
			this.first.add(new Finding(String.valueOf(id), problem));
		}
	}

	void checked(long count) {
		this.checked += count;
	}

	void detail(String detail) {
		this.details.add(detail);
	}

	CheckResult result(String name, String title) {
		return new CheckResult(name, title, (this.failed > 0) ? Verdict.FAIL : Verdict.PASS, this.checked, this.failed,
				this.counts, this.first, this.details);
	}

}
