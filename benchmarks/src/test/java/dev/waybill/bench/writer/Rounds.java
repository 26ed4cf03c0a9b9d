package dev.waybill.bench.writer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the contenders in turn for a fixed time each, round after round, each round
 * starting one contender later than the one before, so that drift on a shared machine
 * falls on all of them alike. Every contender starts from empty tables. Closed loop: each
 * thread starts its next transaction when the last one returned. The CPU time of those
 * threads is kept too: what a transaction costs in this JVM, apart from the round trips
 * and the database's work.
 *
 * @param orders the service's transactions
 * @param threads the threads running transactions at once
 * @param nanosPerTurn each contender's turn in a round
 */
record Rounds(OrderTransactions orders, int threads, long nanosPerTurn) {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	void run(List<Contender> contenders, int round, boolean recorded) throws Exception {
		for (int i = 0; i < contenders.size(); i++) {
			Contender contender = contenders.get((round + i) % contenders.size());
			this.orders.truncate();
			turn(contender, recorded);
		}
	}

	private void turn(Contender contender, boolean recorded) throws InterruptedException, ExecutionException {
		ExecutorService executor = Executors.newFixedThreadPool(this.threads);
		try {
			long start = System.nanoTime();
			long end = start + this.nanosPerTurn;
			List<Future<Integer>> counts = new ArrayList<>();
			for (int t = 0; t < this.threads; t++) {
				counts.add(executor.submit(() -> loop(contender, end, recorded)));
			}
			int count = 0;
			for (Future<Integer> future : counts) {
				count += future.get();
			}
			if (recorded) {
				contender.roundEnded(count, System.nanoTime() - start);
			}
		}
		finally {
			executor.shutdown();
		}
	}

	private int loop(Contender contender, long end, boolean recorded) {
		long[] latencies = new long[1 << 14];
		int count = 0;
		long cpu = THREADS.getCurrentThreadCpuTime();
		long now = System.nanoTime();
		while (now < end) {
			contender.runOnce(this.orders);
			long done = System.nanoTime();
			if (count == latencies.length) {
				latencies = Arrays.copyOf(latencies, count * 2);
			}
			latencies[count++] = done - now;
			now = done;
		}
		if (recorded) {
			contender.record(latencies, count, THREADS.getCurrentThreadCpuTime() - cpu);
		}
		return count;
	}

}
