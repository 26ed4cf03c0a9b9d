package dev.waybill.relay.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time moves only when a test says so, so that backoff and restarts are
 * tested without waiting and without races: {@link #runNext()} runs the task due first,
 * on the test's thread. Also an executor that runs what it is given at once.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final List<Scheduled> tasks = new ArrayList<>();

	private Duration now = Duration.ZERO;

	private boolean shutDown;

	/**
	 * @return the delays, from now, of the tasks waiting, soonest first
	 */
	synchronized List<Duration> pending() {
		return this.tasks.stream().sorted().map((task) -> task.at.minus(this.now)).toList();
	}

	/**
	 * Moves time to the soonest task and runs it.
	 * @return the delay it had waited
	 */
	Duration runNext() {
		Scheduled next;
		Duration waited;
		synchronized (this) {
			next = this.tasks.stream()
				.min(Comparator.naturalOrder())
				.orElseThrow(() -> new AssertionError("Nothing scheduled"));
			this.tasks.remove(next);
			waited = next.at.minus(this.now);
			this.now = next.at;
		}
		next.run();
		return waited;
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		if (this.shutDown) {
			throw new RejectedExecutionException("shut down");
		}
		Scheduled task = new Scheduled(command, this.now.plusNanos(unit.toNanos(delay)));
		this.tasks.add(task);
		return task;
	}

	@Override
	public void execute(Runnable command) {
		command.run();
	}

	@Override
	public synchronized void shutdown() {
		this.shutDown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutDown = true;
		List<Runnable> dropped = new ArrayList<>(this.tasks);
		this.tasks.clear();
		return dropped;
	}

	@Override
	public synchronized boolean isShutdown() {
		return this.shutDown;
	}

	@Override
	public synchronized boolean isTerminated() {
		return this.shutDown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return true;
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	private final class Scheduled extends FutureTask<Void> implements ScheduledFuture<Void> {

		private final Duration at;

		Scheduled(Runnable command, Duration at) {
			super(command, null);
			this.at = at;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			synchronized (ManualScheduler.this) {
				return unit.convert(this.at.minus(ManualScheduler.this.now));
			}
		}

		@Override
		public int compareTo(Delayed other) {
			return this.at.compareTo(((Scheduled) other).at);
		}

	}

}
