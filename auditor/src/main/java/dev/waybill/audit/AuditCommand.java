package dev.waybill.audit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The auditor's command line: prints the report and exits with 0 when every check passed,
 * 1 when one failed, 2 when the audit could not run.
 */
public final class AuditCommand {

	static final int PASSED = 0;

	static final int FAILED = 1;

	static final int NOT_RUN = 2;

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

	private AuditCommand() {
	}

	/**
	 * Runs the audit and exits.
	 * @param args the options; {@code --help} lists them
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		AuditArguments arguments;
		try {
			arguments = AuditArguments.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("waybill audit: " + ex.getMessage());
			err.print(AuditArguments.USAGE);
			return NOT_RUN;
		}
		if (arguments.help()) {
			out.print(AuditArguments.USAGE);
			return PASSED;
		}
		try {
			AuditReport report = settle(() -> Auditor.audit(arguments.target()), arguments.settle(), RETRY_INTERVAL);
			out.print(arguments.json() ? report.toJson() + "\n" : report.toText());
			return report.passed() ? PASSED : FAILED;
		}
		catch (AuditException ex) {
			err.println("waybill audit could not run: " + ex.getMessage());
			return NOT_RUN;
		}
	}

	// a system that has just recovered from a fault still drains: events on their way
	// show as findings until they arrive, so a script may let it settle first
	static AuditReport settle(Supplier<AuditReport> audit, Duration settle, Duration interval) {
		Instant deadline = Instant.now().plus(settle);
		AuditReport report = audit.get();
		while (!report.passed() && Instant.now().plus(interval).isBefore(deadline)) {
			try {
				Thread.sleep(interval.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return report;
			}
			report = audit.get();
		}
		return report;
	}

}
