package dev.waybill.bench.drain;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * CPU time of this JVM's threads from their own clocks ({@link ThreadMXBean}), summed by
 * what the threads do: the engine's pool threads have no telling names, so the poll
 * thread is found by what its stack runs.
 */
final class JavaThreadCpu {

	/** The group of the threads no other group claims. */
	static final String OTHERS = "other Java threads";

	private static final String DECODING = "decoding thread (Debezium change-event-source-coordinator)";

	private static final String POLL = "engine poll thread (batch hand-over; the handler: routing, send, commit)";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Map<Long, Long> before = cpuByThread();

	/**
	 * @return the CPU time in nanoseconds each group of threads used since this was
	 * created
	 */
	Usage usageSince() {
		Map<String, Long> groups = new LinkedHashMap<>();
		Map<String, Long> others = new HashMap<>();
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids, Integer.MAX_VALUE);
		for (int i = 0; i < ids.length; i++) {
			long cpu = THREADS.getThreadCpuTime(ids[i]);
			if (infos[i] == null || cpu < 0) {
				continue;
			}
			long used = cpu - this.before.getOrDefault(ids[i], 0L);
			String group = group(infos[i]);
			groups.merge(group, used, Long::sum);
			if (group.equals(OTHERS)) {
				// numbers in thread names (ports, ids) would split one kind of thread
				others.merge(infos[i].getThreadName().replaceAll("[0-9]+", "N"), used, Long::sum);
			}
		}
		return new Usage(groups,
				others.entrySet()
					.stream()
					.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
					.limit(5)
					.toList());
	}

	/**
	 * @return the Java name of the embedded engine's poll thread, or null before it runs
	 */
	static @Nullable String pollThreadName() {
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), Integer.MAX_VALUE)) {
			if (info != null && group(info).equals(POLL)) {
				return info.getThreadName();
			}
		}
		return null;
	}

	/**
	 * @return the CPU time in nanoseconds this whole JVM used so far, its own threads
	 * (JIT, GC) included
	 */
	static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String group(ThreadInfo info) {
		String name = info.getThreadName();
		if (name.contains("change-event-source-coordinator")) {
			return DECODING;
		}
		if (Arrays.stream(info.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().endsWith("AsyncEmbeddedEngine$PollRecords"))) {
			return POLL;
		}
		if (name.startsWith("pool-")) {
			return "engine record-processing pool (SMTs, converters)";
		}
		if (name.startsWith("kafka-producer-network-thread")) {
			return "Kafka producer I/O threads";
		}
		if (name.startsWith("debezium-")) {
			return "other Debezium threads";
		}
		return name.equals("main") ? "benchmark main thread" : OTHERS;
	}

	private static Map<Long, Long> cpuByThread() {
		Map<Long, Long> cpu = new HashMap<>();
		for (long id : THREADS.getAllThreadIds()) {
			long used = THREADS.getThreadCpuTime(id);
			if (used >= 0) {
				cpu.put(id, used);
			}
		}
		return cpu;
	}

	/**
	 * CPU time in nanoseconds of this JVM's threads over a period.
	 *
	 * @param groups by group of threads, in the order the groups were met
	 * @param busiestOthers the five kinds of thread of {@link #OTHERS} that used most,
	 * busiest first
	 */
	record Usage(Map<String, Long> groups, List<Map.Entry<String, Long>> busiestOthers) {

		long total() {
			return this.groups.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
