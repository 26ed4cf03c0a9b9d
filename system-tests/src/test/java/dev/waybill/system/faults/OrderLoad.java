package dev.waybill.system.faults;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Orders at a steady rate, some cancelled right after they were accepted (so that some
 * cancellations overtake their reservation), for as long as a scenario runs. A request
 * that fails while a component is down is retried by {@link OrderClient} with the same
 * idempotency key; every accepted order id is recorded. When order-service is down the
 * in-flight limit is reached and ticks are skipped instead of piling up requests.
 */
final class OrderLoad implements AutoCloseable {

	private static final int WORKERS = 8;

	private static final int MAX_IN_FLIGHT = 32;

	private final OrderClient client;

	private final List<String> skus;

	private final double cancelShare;

	private final Random random;

	private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS);

	private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final AtomicInteger cancelled = new AtomicInteger();

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	OrderLoad(OrderClient client, List<String> skus, double cancelShare, long seed) {
		this.client = client;
		this.skus = List.copyOf(skus);
		this.cancelShare = cancelShare;
		this.random = new Random(seed);
	}

	/**
	 * Starts placing orders.
	 * @param ratePerSecond orders per second
	 */
	void start(double ratePerSecond) {
		long period = Math.max(1, Math.round(1_000_000 / ratePerSecond));
		// a tick never throws (failures are kept in 'failure'), so the
		// future has nothing to report
		ScheduledFuture<?> unused = this.ticks.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MICROSECONDS);
	}

	int accepted() {
		return this.accepted.size();
	}

	/**
	 * Stops placing new orders and waits for those in flight.
	 * @param timeout how long to wait for them
	 * @return the ids of every accepted order
	 * @throws IllegalStateException if an order was refused or never accepted
	 */
	Set<String> finish(Duration timeout) throws InterruptedException {
		this.ticks.shutdownNow();
		this.workers.shutdown();
		if (!this.workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Orders still in flight after " + timeout);
		}
		Throwable failed = this.failure.get();
		if (failed != null) {
			throw new IllegalStateException("The load failed: " + failed.getMessage(), failed);
		}
		return Set.copyOf(this.accepted);
	}

	int cancelled() {
		return this.cancelled.get();
	}

	@Override
	public void close() {
		this.ticks.shutdownNow();
		this.workers.shutdownNow();
	}

	private void tick() {
		if (this.failure.get() != null || !this.inFlight.tryAcquire()) {
			return;
		}
		String body = nextOrder();
		boolean cancel = nextDouble() < this.cancelShare;
		this.workers.execute(() -> {
			try {
				String id = this.client.place(body);
				this.accepted.add(id);
				if (cancel) {
					this.client.cancel(id);
					this.cancelled.incrementAndGet();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				this.failure.compareAndSet(null, ex);
			}
			finally {
				this.inFlight.release();
			}
		});
	}

	private synchronized String nextOrder() {
		String first = this.skus.get(this.random.nextInt(this.skus.size()));
		String line = line(first, 1 + this.random.nextInt(3));
		if (this.random.nextInt(4) == 0) {
			String second = this.skus.get(this.random.nextInt(this.skus.size()));
			if (!second.equals(first)) {
				line = line + "," + line(second, 1 + this.random.nextInt(3));
			}
		}
		return """
				{"customerId":"c-fault","lines":[%s]}""".formatted(line);
	}

	private synchronized double nextDouble() {
		return this.random.nextDouble();
	}

	private static String line(String sku, int quantity) {
		return """
				{"sku":"%s","quantity":%d}""".formatted(sku, quantity);
	}

}
