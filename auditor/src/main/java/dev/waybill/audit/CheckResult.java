package dev.waybill.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one check.
 *
 * @param name the check's stable name, such as {@code published-once}
 * @param title what the check asserts, for people
 * @param verdict {@link Verdict#FAIL} when {@code failed > 0}
 * @param checked how many items the check looked at
 * @param failed how many of them offend
 * @param counts the offences by kind (such as {@code notPublished},
 * {@code publishedTwice}), every kind the check knows listed, zeros included
 * @param findings the first offending items (at most {@link #MAX_FINDINGS})
 * @param details counts and facts worth showing whatever the verdict
 */
public record CheckResult(String name, String title, Verdict verdict, long checked, long failed,
		Map<String, Long> counts, List<Finding> findings, List<String> details) {

	/** The most findings a result lists. */
	public static final int MAX_FINDINGS = 10;

	/**
	 * Keeps the verdict and the counts in agreement.
	 */
	public CheckResult {
		counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
		findings = List.copyOf(findings);
		details = List.copyOf(details);
		if ((verdict == Verdict.FAIL) != (failed > 0)) {
			throw new IllegalArgumentException(name + ": verdict " + verdict + " with " + failed + " failed");
		}
		if (counts.values().stream().mapToLong(Long::longValue).sum() != failed) {
			throw new IllegalArgumentException(name + ": counts " + counts + " do not add up to " + failed);
		}
		if (findings.size() > MAX_FINDINGS || findings.size() > failed) {
			throw new IllegalArgumentException(name + ": " + findings.size() + " findings for " + failed + " failed");
		}
	}

	/**
	 * @param kind a kind of offence
	 * @return how many of that kind were found; 0 for a kind the check does not know
	 */
	public long count(String kind) {
		return this.counts.getOrDefault(kind, 0L);
	}

	/**
	 * @return whether the check passed
	 */
	public boolean passed() {
		return this.verdict == Verdict.PASS;
	}

}
