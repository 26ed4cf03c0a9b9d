package dev.waybill.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReportFormatTests {

	private static final List<Finding> TEN = IntStream.range(0, 10)
		.mapToObj((i) -> new Finding("order-" + i, "still PENDING"))
		.toList();

	private final AuditReport report = new AuditReport(Instant.parse("2026-11-25T00:00:00Z"), Duration.ofMillis(42),
			List.of(new CheckResult("published-once", "every event published", Verdict.PASS, 7, 0,
					Map.of("notPublished", 0L), List.of(), List.of("7 outbox rows")),
					new CheckResult("orders-final", "every order final", Verdict.FAIL, 20, 12,
							Map.of("pendingTooLong", 12L), TEN, List.of("12 PENDING"))));

	@Test
	void writesOneLinePerCheckThenTheDetailsAndFindings() {
		String text = ReportFormat.text(this.report);
		assertThat(text.lines().toList()).contains("PASS published-once     every event published: 7 checked, 0 failed",
				"FAIL orders-final       every order final: 20 checked, 12 failed", "  counts: {notPublished=0}",
				"  7 outbox rows", "  counts: {pendingTooLong=12}", "  ! order-0: still PENDING", "  ... and 2 more");
		assertThat(text).endsWith("FAIL: [orders-final]\n");
	}

	@Test
	void writesJsonThatScriptsCanRead() throws Exception {
		JsonNode json = new ObjectMapper().readTree(ReportFormat.json(this.report));
		assertThat(json.get("passed").asBoolean()).isFalse();
		assertThat(json.get("takenAt").asString()).isEqualTo("2026-11-25T00:00:00Z");
		assertThat(json.get("checks")).hasSize(2);
		JsonNode failed = json.get("checks").get(1);
		assertThat(failed.get("name").asString()).isEqualTo("orders-final");
		assertThat(failed.get("verdict").asString()).isEqualTo("FAIL");
		assertThat(failed.get("failed").asLong()).isEqualTo(12);
		assertThat(failed.get("counts").get("pendingTooLong").asLong()).isEqualTo(12);
		assertThat(failed.get("findings")).hasSize(10);
		assertThat(failed.get("findings").get(3).get("id").asString()).isEqualTo("order-3");
		assertThat(failed.get("details").get(0).asString()).isEqualTo("12 PENDING");
	}

	@Test
	void saysPassWhenEveryCheckPassed() {
		AuditReport passing = new AuditReport(Instant.EPOCH, Duration.ZERO, List.of(this.report.checks().get(0)));
		assertThat(ReportFormat.text(passing)).endsWith("PASS: all checks passed\n");
		assertThat(passing.passed()).isTrue();
	}

	@Test
	void writesDurationsForPeople() {
		assertThat(ReportFormat.duration(Duration.ofSeconds(42))).isEqualTo("42s");
		assertThat(ReportFormat.duration(Duration.ofSeconds(90))).isEqualTo("1m 30s");
		assertThat(ReportFormat.duration(Duration.ofMinutes(5))).isEqualTo("5m");
		assertThat(ReportFormat.duration(Duration.ofMinutes(125))).isEqualTo("2h 5m");
	}

	@ParameterizedTest(name = "refuses {0}")
	@CsvSource(delimiter = '|', textBlock = """
			counts that do not add up to the failures | FAIL | 2 | 2 | x: counts {k=1} do not add up to 2
			a verdict that contradicts the counts     | PASS | 1 | 1 | x: verdict PASS with 1 failed
			""")
	void refusesACheckResultThatContradictsItself(String contradiction, Verdict verdict, long checked, long failed,
			String message) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CheckResult("x", "x", verdict, checked, failed, Map.of("k", 1L),
					List.of(new Finding("a", "b")), List.of()))
			.withMessage(message);
	}

}
