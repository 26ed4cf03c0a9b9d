package dev.waybill.stack;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * The log lines of the in-process broker's transaction coordinator, captured from Logback
 * at INFO while open: the skipped-marker line is logged at INFO, below the WARN the
 * tests' Logback configuration keeps for Kafka.
 */
final class CoordinatorLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	static final String SKIPPED_MARKER = "Couldn't find leader endpoint for partitions";

	private static final String COORDINATOR_LOGGERS = "kafka.coordinator.transaction";

	private final List<Line> lines = new CopyOnWriteArrayList<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(COORDINATOR_LOGGERS);

	private final Level previousLevel;

	private final boolean previousAdditivity;

	private CoordinatorLog() {
		this.previousLevel = this.logger.getLevel();
		this.previousAdditivity = this.logger.isAdditive();
	}

	static CoordinatorLog capture() {
		CoordinatorLog log = new CoordinatorLog();
		log.setContext(log.logger.getLoggerContext());
		log.setName("kafka-20734");
		log.start();
		log.logger.addAppender(log);
		log.logger.setLevel(Level.INFO);
		// kept out of the console: the coordinator logs every producer's initialisation
		log.logger.setAdditive(false);
		return log;
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.lines.add(new Line(Instant.ofEpochMilli(event.getTimeStamp()), event.getThreadName(),
				event.getLoggerName(), event.getFormattedMessage()));
	}

	/**
	 * @return how many lines were captured so far, a mark for {@link #since(int)}
	 */
	int size() {
		return this.lines.size();
	}

	List<Line> since(int mark) {
		return List.copyOf(this.lines.subList(mark, this.lines.size()));
	}

	List<Line> all() {
		return List.copyOf(this.lines);
	}

	@Override
	public void close() {
		this.logger.detachAppender(this);
		this.logger.setLevel(this.previousLevel);
		this.logger.setAdditive(this.previousAdditivity);
		stop();
	}

	record Line(Instant at, String thread, String logger, String message) {

		boolean isSkippedMarker() {
			return this.message.contains(SKIPPED_MARKER);
		}

		// two messages: the coordinator epoch changed, or the partition's leadership was
		// lost
		boolean isCancelledCompletion() {
			return this.message.contains("cancel appending")
					|| this.message.contains("skip writing to transaction log");
		}

		@Override
		public String toString() {
			return this.at + " [" + this.thread + "] " + this.logger + " - " + this.message;
		}

	}

}
