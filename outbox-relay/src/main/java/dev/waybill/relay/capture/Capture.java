package dev.waybill.relay.capture;

import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import dev.waybill.relay.Source;

/**
 * One way of reading outbox rows, for every source of the relay: from the write-ahead log
 * ({@code capture.log}) or by polling the table ({@code capture.polling}).
 */
public interface Capture {

	/**
	 * Checks a source before anything starts, so that a misconfigured relay does not
	 * start at all, and prepares what the capture needs in its database.
	 * @param source the source
	 * @throws PreflightException or {@link IllegalArgumentException} naming the source
	 * and the fix
	 */
	void check(Source source);

	/**
	 * Aborts what an earlier relay (or an earlier run) left open for the source: its
	 * producer is fenced and its open transaction aborted, so that the positions read
	 * next are the committed ones.
	 * @param source the source
	 */
	void fence(Source source);

	/**
	 * Ends the sessions through which an earlier leader of the source still reads it (a
	 * paused or cut-off relay that has not noticed yet), so that this instance's run can
	 * take the source over; called only by the instance that now leads the source.
	 * @param source the source
	 */
	void evict(Source source);

	/**
	 * @param source the source
	 * @param leading whether this relay instance still leads the source, asked before
	 * each batch becomes visible: a batch published after the leadership was lost is
	 * aborted
	 * @param onFailure told once when the run fails after it streamed
	 * @return a run of the source's capture with a new producer, not started yet
	 */
	Run run(Source source, BooleanSupplier leading, BiConsumer<Run, Throwable> onFailure);

	/**
	 * @param source the source
	 * @return how the source is read, for the log: such as {@code from slot 'x'}
	 */
	String describe(Source source);

}
