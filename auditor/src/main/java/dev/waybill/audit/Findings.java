package dev.waybill.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one check finds: every offence is counted, the first few are kept.
 */
final class Findings {

	private final List<Finding> first = new ArrayList<>();

	private final List<String> details = new ArrayList<>();

	private long failed;

	private long checked;

	void add(Object id, String problem) {
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
				this.first, this.details);
	}

}
