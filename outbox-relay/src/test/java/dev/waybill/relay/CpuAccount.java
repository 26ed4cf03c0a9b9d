package dev.waybill.relay;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * CPU time of one drain, by thread and by process, measured rather than sampled: the
 * JVM's threads by name (and the engine's anonymous pool threads by what their stacks
 * run), its GC and JIT threads, the PostgreSQL server, and the whole machine.
 *
 * <p>
 * Sampling profilers count a thread that is ready to run but waits for a core as if it
 * ran; on a busy 2-core machine that inflates exactly the threads one wants to compare.
 * Per-thread CPU clocks and the kernel's {@code schedstat} (time on a core, time waiting
 * for one) do not.
 */
final class CpuAccount {

	private static final long TICK_NANOS = 10_000_000L;

	private static final String DECODING = "decoding thread (Debezium change-event-source-coordinator)";

	private static final String OTHERS = "other Java threads";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Path postgresData;

	private final long startNanos = System.nanoTime();

	private final Map<Long, Long> javaThreadsBefore = javaThreadCpu();

	private final Map<String, Long> tasksBefore = tasks();

	private final Map<String, long[]> schedBefore = schedstats();

	private final long processBefore = processCpu();

	private final long postgresBefore;

	private final long walsenderBefore;

	private final long[] machineBefore = machine();

	private List<Map.Entry<String, Long>> busiestOthers = List.of();

	private final Map<String, Integer> decodingStates = new java.util.concurrent.ConcurrentHashMap<>();

	private final Thread sampler = new Thread(this::sampleDecodingThread, "cpu-account-sampler");

	private CpuAccount(Path postgresData) {
		this.postgresData = postgresData;
		long[] postgres = postgres(postgresData);
		this.postgresBefore = postgres[0];
		this.walsenderBefore = postgres[1];
	}

	static CpuAccount start(Path postgresData) {
		CpuAccount account = new CpuAccount(postgresData);
		account.sampler.setDaemon(true);
		account.sampler.start();
		return account;
	}

	/**
	 * Prints CPU per event of each group since {@link #start}; call it while the drain's
	 * threads still run.
	 * @param events the events drained
	 */
	void print(long events) {
		this.sampler.interrupt();
		long wall = System.nanoTime() - this.startNanos;
		Map<String, Long> groups = javaGroups();
		long javaTotal = groups.values().stream().mapToLong(Long::longValue).sum();
		Map<String, Long> tasks = tasks();
		long jit = delta(tasks, (comm) -> comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler"));
		long gc = delta(tasks, (comm) -> comm.startsWith("GC Thread") || comm.startsWith("G1 "));
		long process = processCpu() - this.processBefore;
		groups.put("JIT compiler threads", jit);
		groups.put("GC threads", gc);
		groups.put("other JVM threads (VM thread, ...)", Math.max(0, process - javaTotal - jit - gc));
		long[] postgres = postgres(this.postgresData);
		long[] machine = machine();
		double busyCores = (double) (machine[0] - this.machineBefore[0])
				/ Math.max(1, machine[1] - this.machineBefore[1]) * Runtime.getRuntime().availableProcessors();
		BenchmarkReport.printf(
				"  CPU per event, µs (this JVM %.1f, PostgreSQL %.1f; machine busy %.2f of %d cores; " + "load %s):%n",
				micros(process, events), micros((postgres[0] - this.postgresBefore) * TICK_NANOS, events), busyCores,
				Runtime.getRuntime().availableProcessors(), loadAverage());
		groups.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.filter((entry) -> entry.getValue() > 0)
			.forEach((entry) -> BenchmarkReport.printf("    %6.1f  %s%n", micros(entry.getValue(), events),
					entry.getKey()));
		BenchmarkReport.printf("  busiest of the %s: %s", OTHERS.toLowerCase(java.util.Locale.ROOT),
				this.busiestOthers.stream()
					.map((entry) -> String.format("%s %.1f", entry.getKey(), micros(entry.getValue(), events)))
					.collect(java.util.stream.Collectors.joining("; ")));
		BenchmarkReport.printf("    %6.1f  PostgreSQL walsender%n",
				micros((postgres[1] - this.walsenderBefore) * TICK_NANOS, events));
		printBusiestThreads(wall, events);
		int samples = this.decodingStates.values().stream().mapToInt(Integer::intValue).sum();
		BenchmarkReport.printf("  decoding thread's state, sampled every 5 ms: %s", this.decodingStates.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.map((entry) -> String.format("%s %.0f%%", entry.getKey(), 100.0 * entry.getValue() / Math.max(1, samples)))
			.collect(java.util.stream.Collectors.joining("; ")));
	}

	// where Debezium's decoding thread is when it does not decode: a full queue means the
	// engine's poll thread and the handler are behind; a socket wait means PostgreSQL is
	private void sampleDecodingThread() {
		long decoding = -1;
		while (!Thread.currentThread().isInterrupted()) {
			if (decoding < 0) {
				decoding = decodingThreadId();
			}
			ThreadInfo info = (decoding < 0) ? null : THREADS.getThreadInfo(decoding, 40);
			if (info != null) {
				this.decodingStates.merge(state(info), 1, Integer::sum);
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

	// the decoding thread's kernel name is cut to "debezium-postgr", as are the
	// connector's other threads: it is the one of them that ran longest; the engine's
	// poll thread is found by its stack, and by its (short) name in the kernel
	private void printBusiestThreads(long wall, long events) {
		Map<String, long[]> now = schedstats();
		printSchedule("decoding thread", busiest(now, "debezium-postgr"), wall, events);
		String poller = pollThreadName();
		if (poller != null) {
			printSchedule("engine poll thread", busiest(now, poller.substring(0, Math.min(15, poller.length()))), wall,
					events);
		}
	}

	private long @Nullable [] busiest(Map<String, long[]> now, String comm) {
		long[] best = null;
		for (Map.Entry<String, long[]> entry : now.entrySet()) {
			if (!entry.getKey().endsWith("/" + comm)) {
				continue;
			}
			long[] before = this.schedBefore.getOrDefault(entry.getKey(), new long[2]);
			long[] delta = { entry.getValue()[0] - before[0], entry.getValue()[1] - before[1] };
			if (best == null || delta[0] > best[0]) {
				best = delta;
			}
		}
		return best;
	}

	private static void printSchedule(String thread, long @Nullable [] schedule, long wall, long events) {
		if (schedule == null) {
			return;
		}
		BenchmarkReport.printf(
				"  %s: on a core %.0f%% of the drain (%.1f µs per event), waiting for a core %.0f%%, blocked %.0f%%%n",
				thread, 100.0 * schedule[0] / wall, micros(schedule[0], events), 100.0 * schedule[1] / wall,
				100.0 * Math.max(0, wall - schedule[0] - schedule[1]) / wall);
	}

	private static @Nullable String pollThreadName() {
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), Integer.MAX_VALUE)) {
			if (info != null && group(info).startsWith("engine poll thread")) {
				return info.getThreadName();
			}
		}
		return null;
	}

	private Map<String, Long> javaGroups() {
		Map<String, Long> groups = new LinkedHashMap<>();
		Map<String, Long> others = new HashMap<>();
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids, Integer.MAX_VALUE);
		for (int i = 0; i < ids.length; i++) {
			ThreadInfo info = infos[i];
			long cpu = THREADS.getThreadCpuTime(ids[i]);
			if (info == null || cpu < 0) {
				continue;
			}
			long used = cpu - this.javaThreadsBefore.getOrDefault(ids[i], 0L);
			String group = group(info);
			groups.merge(group, used, Long::sum);
			if (group.equals(OTHERS)) {
				// numbers in thread names (ports, ids) would split one kind of thread
				others.merge(info.getThreadName().replaceAll("[0-9]+", "N"), used, Long::sum);
			}
		}
		this.busiestOthers = others.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(5)
			.toList();
		return groups;
	}

	private static String group(ThreadInfo info) {
		String name = info.getThreadName();
		if (name.contains("change-event-source-coordinator")) {
			return DECODING;
		}
		boolean polls = Arrays.stream(info.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().endsWith("AsyncEmbeddedEngine$PollRecords"));
		if (polls) {
			return "engine poll thread (batch hand-over; the handler: routing, send, commit)";
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
		if (name.equals("main")) {
			return "benchmark main thread";
		}
		return OTHERS;
	}

	private static Map<Long, Long> javaThreadCpu() {
		Map<Long, Long> cpu = new HashMap<>();
		for (long id : THREADS.getAllThreadIds()) {
			long used = THREADS.getThreadCpuTime(id);
			if (used >= 0) {
				cpu.put(id, used);
			}
		}
		return cpu;
	}

	private long delta(Map<String, Long> now, java.util.function.Predicate<String> comm) {
		long sum = 0;
		for (Map.Entry<String, Long> entry : now.entrySet()) {
			String name = entry.getKey().substring(entry.getKey().indexOf('/') + 1);
			if (comm.test(name)) {
				sum += entry.getValue() - this.tasksBefore.getOrDefault(entry.getKey(), 0L);
			}
		}
		return sum;
	}

	// tid/comm -> utime + stime in ns, for this process's threads
	private static Map<String, Long> tasks() {
		Map<String, Long> tasks = new HashMap<>();
		forEachTask((key, stat) -> tasks.put(key, ticks(stat) * TICK_NANOS));
		return tasks;
	}

	// tid/comm -> {ns on a core, ns waiting for a core}
	private static Map<String, long[]> schedstats() {
		Map<String, long[]> stats = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String comm = Files.readString(task.resolve("comm")).trim();
					String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
					stats.put(task.getFileName() + "/" + comm,
							new long[] { Long.parseLong(sched[0]), Long.parseLong(sched[1]) });
				}
				catch (IOException ex) {
					// the thread ended
				}
			}
		}
		catch (IOException ex) {
			return stats;
		}
		return stats;
	}

	private static void forEachTask(java.util.function.BiConsumer<String, String> action) {
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String comm = Files.readString(task.resolve("comm")).trim();
					action.accept(task.getFileName() + "/" + comm, Files.readString(task.resolve("stat")));
				}
				catch (IOException ex) {
					// the thread ended
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read /proc/self/task", ex);
		}
	}

	// {CPU ticks of the postmaster and all its children, of its walsenders}
	private static long[] postgres(Path dataDirectory) {
		long postmaster;
		try {
			postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
		}
		catch (IOException | RuntimeException ex) {
			return new long[2];
		}
		long[] sums = new long[2];
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.toList()) {
				String pid = process.getFileName().toString();
				if (!pid.chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					String stat = Files.readString(process.resolve("stat"));
					List<String> fields = fieldsAfterComm(stat);
					long parent = Long.parseLong(fields.get(1));
					if (Long.parseLong(pid) != postmaster && parent != postmaster) {
						continue;
					}
					long ticks = ticks(stat);
					sums[0] += ticks;
					if (Files.readString(process.resolve("cmdline")).contains("walsender")) {
						sums[1] += ticks;
					}
				}
				catch (IOException | RuntimeException ex) {
					// the process ended
				}
			}
		}
		catch (IOException ex) {
			return sums;
		}
		return sums;
	}

	// utime + stime, fields 14 and 15 of /proc/<pid>/stat
	private static long ticks(String stat) {
		List<String> fields = fieldsAfterComm(stat);
		return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
	}

	// the fields after "pid (comm)": state is the first
	private static List<String> fieldsAfterComm(String stat) {
		return List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
	}

	// {busy jiffies, all jiffies} of the whole machine
	private static long[] machine() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long all = 0;
			for (int i = 1; i < cpu.length; i++) {
				all += Long.parseLong(cpu[i]);
			}
			long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
			return new long[] { all - idle, all };
		}
		catch (IOException ex) {
			return new long[2];
		}
	}

	static String loadAverage() {
		try {
			String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return load[0] + " " + load[1] + " " + load[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double micros(long nanos, long events) {
		return nanos / 1000.0 / events;
	}

}
