package dev.waybill.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.waybill.stack.CoordinatorLog.Line;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The KAFKA-20734 reproducer's result as text: one row per restart, the totals, and the
 * coordinator's lines around the first skipped markers.
 */
final class ReproducerReport {

	private static final int RESTARTS_QUOTED = 3;

	private ReproducerReport() {
	}

	static String of(ReproducerSettings settings, String features, List<BrokerRestart> restarts,
			PositionedWriter writer, NumberTally tally, String dataTopic, String positionTopic) {
		StringBuilder text = new StringBuilder("\n== KAFKA-20734 reproducer ==\n");
		text.append("Kafka ")
			.append(AppInfoParser.getVersion())
			.append(" (broker and clients), JDK ")
			.append(System.getProperty("java.version"))
			.append(", one combined KRaft node, controlled.shutdown.enable=")
			.append(settings.controlledShutdown())
			.append('\n');
		text.append("finalized features: ").append(features).append("\n\n");
		text.append(String.format("%7s %8s %8s %14s %15s %10s %10s %10s  %s%n", "restart", "down s", "start s",
				"skips in stop", "skips after it", "completion", "recoveries", "rewound by", "partitions skipped"));
		for (BrokerRestart restart : restarts) {
			text.append(String.format("%7d %8.1f %8.1f %14d %15d %10s %10d %10s  %s%n", restart.number(),
					restart.downFor().toMillis() / 1000.0, restart.startTook().toMillis() / 1000.0,
					restart.skippedDuringStop().size(), restart.skippedAfterStart().size(),
					restart.cancelledACompletion() ? "cancelled" : "", restart.recoveries(),
					restart.rewinds().isEmpty() ? "" : restart.rewinds().toString(),
					String.join(" ", restart.skippedPartitions(dataTopic, positionTopic))));
		}
		totals(text, restarts, writer, tally, dataTopic, positionTopic);
		quoteFirstSkips(text, restarts);
		return text.toString();
	}

	private static void totals(StringBuilder text, List<BrokerRestart> restarts, PositionedWriter writer,
			NumberTally tally, String dataTopic, String positionTopic) {
		List<BrokerRestart> skipped = restarts.stream().filter(BrokerRestart::skippedAMarker).toList();
		long cancelled = skipped.stream().filter(BrokerRestart::cancelledACompletion).count();
		Set<String> partitions = new TreeSet<>();
		skipped.forEach((restart) -> partitions.addAll(restart.skippedPartitions(dataTopic, positionTopic)));
		text.append('\n');
		text.append("restarts: ")
			.append(restarts.size())
			.append(", with a skipped marker: ")
			.append(skipped.size())
			.append(" (restarts ")
			.append(skipped.stream().map((restart) -> Integer.toString(restart.number())).toList())
			.append("), partitions named: ")
			.append(partitions)
			.append(", of which the coordinator cancelled the completion: ")
			.append(cancelled)
			.append('\n');
		text.append("transactions committed: ")
			.append(writer.transactions())
			.append(", writer recoveries: ")
			.append(writer.recoveries())
			.append('\n');
		text.append("records written (numbers committed): ")
			.append(tally.written())
			.append(", records read: ")
			.append(tally.read())
			.append('\n');
		text.append("numbers seen more than once: ")
			.append(tally.twice())
			.append(", numbers missing: ")
			.append(tally.missing())
			.append(", records beyond the committed position: ")
			.append(tally.beyond())
			.append('\n');
		tally.examples().forEach((example) -> text.append("  twice: ").append(example).append('\n'));
	}

	// the skip lines, the coordinator's elections and resignations around them, and
	// whether it wrote the transaction's completion to its log
	private static void quoteFirstSkips(StringBuilder text, List<BrokerRestart> restarts) {
		restarts.stream().filter(BrokerRestart::skippedAMarker).limit(RESTARTS_QUOTED).forEach((restart) -> {
			text.append("\nrestart ").append(restart.number()).append(", the coordinator's lines:\n");
			List<Line> lines = new ArrayList<>(restart.duringStop());
			lines.addAll(restart.afterStart());
			lines.stream()
				.filter((line) -> line.isSkippedMarker() || line.message().contains("the txn coordinator")
						|| line.message().contains("transaction log"))
				.forEach((line) -> text.append("  ").append(line).append('\n'));
		});
	}

}
