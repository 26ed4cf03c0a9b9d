package dev.waybill.bench.drain;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Where Debezium's decoding thread is when it does not decode, sampled every 5 ms from
 * its stack: a full queue means the engine's poll thread and the handler are behind; a
 * socket wait means PostgreSQL is.
 */
final class DecodingThreadStates {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Map<String, Integer> samples = new ConcurrentHashMap<>();

	private final Thread sampler = new Thread(this::sample, "cpu-account-sampler");

	/**
	 * @return the sampling, started on a daemon thread
	 */
	static DecodingThreadStates start() {
		DecodingThreadStates states = new DecodingThreadStates();
		states.sampler.setDaemon(true);
		states.sampler.start();
		return states;
	}

	void stop() {
		this.sampler.interrupt();
	}

	/**
	 * @return each state's share of the samples, the most frequent first
	 */
	String shares() {
		int total = this.samples.values().stream().mapToInt(Integer::intValue).sum();
		return this.samples.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.map((entry) -> String.format("%s %.0f%%", entry.getKey(), 100.0 * entry.getValue() / Math.max(1, total)))
			.collect(Collectors.joining("; "));
	}

	private void sample() {
		long decoding = -1;
		while (!Thread.currentThread().isInterrupted()) {
			if (decoding < 0) {
				decoding = decodingThreadId();
			}
			ThreadInfo info = (decoding < 0) ? null : THREADS.getThreadInfo(decoding, 40);
			if (info != null) {
				this.samples.merge(state(info), 1, Integer::sum);
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static long decodingThreadId() {
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (info != null && info.getThreadName().contains("change-event-source-coordinator")) {
				return info.getThreadId();
			}
		}
		return -1;
	}

	private static String state(ThreadInfo info) {
		String stack = Arrays.stream(info.getStackTrace())
			.map((frame) -> frame.getClassName() + "." + frame.getMethodName())
			.reduce("", (all, frame) -> all + " " + frame);
		if (stack.contains("ChangeEventQueue.doEnqueue") && info.getThreadState() != Thread.State.RUNNABLE) {
			return "waiting for queue space (handler behind)";
		}
		if (stack.contains("Net.poll") || stack.contains("NioSocketImpl.park")
				|| stack.contains("NioSocketImpl.timedRead")) {
			return "waiting for PostgreSQL (socket)";
		}
		if (info.getThreadState() != Thread.State.RUNNABLE) {
			return "waiting (" + info.getThreadState() + ")";
		}
		return "running or runnable";
	}

}
