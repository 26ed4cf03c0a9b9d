package dev.waybill.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void exitsWithTwoAndExplainsABadArgument() {
		assertThat(run("--bogus")).isEqualTo(AuditCommand.NOT_RUN);
		assertThat(text(this.err)).startsWith("waybill audit: Unknown argument '--bogus'").contains("Usage:");
		assertThat(text(this.out)).isEmpty();
	}

	@Test
	void printsItsUsageOnHelp() {
		assertThat(run("--help")).isEqualTo(AuditCommand.PASSED);
		assertThat(text(this.out)).contains("--max-pending-age").contains("Exit status: 0");
	}

	@Test
	void exitsWithTwoWhenTheDatabaseIsUnreachable() {
		assertThat(run("--orders-url=jdbc:postgresql://127.0.0.1:1/orders")).isEqualTo(AuditCommand.NOT_RUN);
		assertThat(text(this.err)).startsWith("waybill audit could not run: Could not read order-service's database at "
				+ "jdbc:postgresql://127.0.0.1:1/orders as orders:");
	}

	@Test
	void settlingAuditsAgainUntilEveryCheckPasses() {
		Iterator<AuditReport> reports = List.of(report(Verdict.FAIL), report(Verdict.FAIL), report(Verdict.PASS))
			.iterator();
		AuditReport settled = AuditCommand.settle(reports::next, Duration.ofSeconds(10), Duration.ofMillis(1));
		assertThat(settled.passed()).isTrue();
		assertThat(reports.hasNext()).isFalse();
	}

	@Test
	void settlingGivesUpWithTheLastReportWhenTimeRunsOut() {
		AtomicInteger audits = new AtomicInteger();
		AuditReport settled = AuditCommand.settle(() -> {
			audits.incrementAndGet();
			return report(Verdict.FAIL);
		}, Duration.ZERO, Duration.ofMillis(1));
		assertThat(settled.passed()).isFalse();
		assertThat(audits).hasValue(1);
	}

	private static AuditReport report(Verdict verdict) {
		List<Finding> findings = (verdict == Verdict.FAIL) ? List.of(new Finding("e1", "not published")) : List.of();
		return new AuditReport(Instant.now(), Duration.ZERO, List.of(new CheckResult("published-once", "t", verdict, 1,
				findings.size(), Map.of("notPublished", (long) findings.size()), findings, List.of())));
	}

	private int run(String... args) {
		return AuditCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
