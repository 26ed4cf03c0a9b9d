package dev.waybill.bench.writer;

import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the protocol messages the PostgreSQL driver sends, from its own trace
 * ({@code java.util.logging} at {@code FINEST}, which it writes once per message): each
 * {@code Sync} ends one round trip, each {@code Parse} is a statement the server parses
 * and plans again rather than one it holds prepared. Tracing is slow, so it is on only
 * while {@link #count(int, Runnable)} runs, never while transactions are timed.
 */
final class RoundTrips {

	private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

	private static final String[] MESSAGES = { "Sync", "Parse", "Bind", "Execute", "Describe", "CloseStatement",
			"SimpleQuery" };

	private RoundTrips() {
	}

	/**
	 * Runs a transaction {@code times} times and counts the messages sent.
	 * @param times how many transactions
	 * @param transaction the transaction
	 * @return each message's count per transaction
	 */
	static Map<String, Double> count(int times, Runnable transaction) {
		Counter counter = new Counter();
		Level level = DRIVER.getLevel();
		boolean parents = DRIVER.getUseParentHandlers();
		DRIVER.addHandler(counter);
		DRIVER.setUseParentHandlers(false);
		DRIVER.setLevel(Level.FINEST);
		try {
			for (int i = 0; i < times; i++) {
				transaction.run();
			}
		}
		finally {
			DRIVER.setLevel(level);
			DRIVER.setUseParentHandlers(parents);
			DRIVER.removeHandler(counter);
		}
		Map<String, Double> perTransaction = new TreeMap<>();
		counter.counts.forEach((message, count) -> perTransaction.put(message, count / (double) times));
		return perTransaction;
	}

	private static final class Counter extends Handler {

		private final Map<String, Integer> counts = new TreeMap<>();

		Counter() {
			setLevel(Level.ALL);
			for (String message : MESSAGES) {
				this.counts.put(message, 0);
			}
		}

		@Override
		public synchronized void publish(LogRecord record) {
			String text = record.getMessage();
			if (text == null || !text.startsWith(" FE=> ")) {
				return;
			}
			for (String message : MESSAGES) {
				if (text.startsWith(message, 6)) {
					this.counts.merge(message, 1, Integer::sum);
				}
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

}
