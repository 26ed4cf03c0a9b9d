package dev.waybill.system.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.waybill.audit.AuditReport;
import dev.waybill.audit.CheckResult;
import dev.waybill.audit.Finding;
import dev.waybill.audit.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioResultTests {

	@Test
	void takesLostAndDuplicatedEventsAndRepeatedEffectsFromTheAuditorsCounts() {
		ScenarioResult result = result(
				check("published-once", Map.of("notPublished", 2L, "deadLettered", 1L, "publishedTwice", 4L)),
				check("applied-once", Map.of("transitionRepeated", 1L, "eventRepeated", 2L, "inboxWithoutEffect", 5L)));
		assertThat(result.eventsLost()).isEqualTo(3);
		assertThat(result.eventsPublishedTwice()).isEqualTo(4);
		assertThat(result.effectsAppliedTwice()).isEqualTo(3);
	}

	@Test
	void reportsZeroesForAPassingAudit() {
		ScenarioResult result = result(check("published-once", Map.of("notPublished", 0L)),
				check("applied-once", Map.of("transitionRepeated", 0L)));
		assertThat(result.eventsLost()).isZero();
		assertThat(result.eventsPublishedTwice()).isZero();
		assertThat(result.effectsAppliedTwice()).isZero();
	}

	@Test
	void reportsTheLongestRecoveryAndEveryOperatorRestart() {
		ScenarioResult result = new ScenarioResult("s", 10, 1, 0, Set.of(),
				List.of(new Recovery.Outcome(Fault.KILL_LEADING_RELAY, Duration.ofSeconds(12), List.of(), "p1"),
						new Recovery.Outcome(Fault.RESTART_POSTGRES, Duration.ofSeconds(30), List.of("relay"), "p2")),
				new AuditReport(Instant.now(), Duration.ZERO, List.of()), Duration.ZERO);
		assertThat(result.longestRecovery()).isEqualTo(Duration.ofSeconds(30));
		assertThat(result.operatorRestarts()).containsExactly("relay after restart PostgreSQL (fast shutdown)");
	}

	private static ScenarioResult result(CheckResult publication, CheckResult applied) {
		return new ScenarioResult("s", 10, 1, 0, Set.of(), List.of(),
				new AuditReport(Instant.now(), Duration.ZERO, List.of(publication, applied)), Duration.ZERO);
	}

	private static CheckResult check(String name, Map<String, Long> counts) {
		long failed = counts.values().stream().mapToLong(Long::longValue).sum();
		List<Finding> findings = (failed > 0) ? List.of(new Finding("x", "offends")) : List.of();
		return new CheckResult(name, name, (failed > 0) ? Verdict.FAIL : Verdict.PASS, 100, failed, counts, findings,
				List.of());
	}

}
