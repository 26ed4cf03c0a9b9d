package dev.waybill.bench.drain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * This process's threads as the kernel sees them ({@code /proc/self/task}), keyed by
 * {@code tid/comm}: the CPU time of the threads the JVM does not list (GC, JIT) and, for
 * any thread, its time on a core and its time waiting for one ({@code schedstat}).
 */
final class KernelTasks {

	private static final Path TASKS = Path.of("/proc/self/task");

	private final Map<String, Long> cpuBefore = cpu();

	private final Map<String, long[]> scheduleBefore = schedules();

	/**
	 * @param now the {@link #cpu()} of now
	 * @param comm which threads, by their kernel name
	 * @return the CPU time in nanoseconds those threads used since this was created
	 */
	long cpuSince(Map<String, Long> now, Predicate<String> comm) {
		long sum = 0;
		for (Map.Entry<String, Long> entry : now.entrySet()) {
			String name = entry.getKey().substring(entry.getKey().indexOf('/') + 1);
			if (comm.test(name)) {
				sum += entry.getValue() - this.cpuBefore.getOrDefault(entry.getKey(), 0L);
			}
		}
		return sum;
	}

	/**
	 * @param now the {@link #schedules()} of now
	 * @param comm a kernel thread name (15 characters at most)
	 * @return {ns on a core, ns waiting for a core} since this was created, of the thread
	 * of that name that was on a core longest, or null when there is none
	 */
	long @Nullable [] busiestSince(Map<String, long[]> now, String comm) {
		long[] best = null;
		for (Map.Entry<String, long[]> entry : now.entrySet()) {
			if (!entry.getKey().endsWith("/" + comm)) {
				continue;
			}
			long[] before = this.scheduleBefore.getOrDefault(entry.getKey(), new long[2]);
			long[] delta = { entry.getValue()[0] - before[0], entry.getValue()[1] - before[1] };
			if (best == null || delta[0] > best[0]) {
				best = delta;
			}
		}
		return best;
	}

	// tid/comm -> utime + stime in ns
	static Map<String, Long> cpu() {
		Map<String, Long> cpu = new HashMap<>();
		forEachTask((task, comm) -> cpu.put(task.getFileName() + "/" + comm,
				ProcStat.ticks(Files.readString(task.resolve("stat"))) * ProcStat.TICK_NANOS));
		return cpu;
	}

	// tid/comm -> {ns on a core, ns waiting for a core}
	static Map<String, long[]> schedules() {
		Map<String, long[]> schedules = new HashMap<>();
		forEachTask((task, comm) -> {
			String[] schedule = Files.readString(task.resolve("schedstat")).trim().split(" ", -1);
			schedules.put(task.getFileName() + "/" + comm,
					new long[] { Long.parseLong(schedule[0]), Long.parseLong(schedule[1]) });
		});
		return schedules;
	}

	private static void forEachTask(TaskReader reader) {
		try (Stream<Path> tasks = Files.list(TASKS)) {
			for (Path task : tasks.toList()) {
				try {
					reader.read(task, Files.readString(task.resolve("comm")).trim());
				}
				catch (IOException ex) {
					// the thread ended
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + TASKS, ex);
		}
	}

	@FunctionalInterface
	private interface TaskReader {

		void read(Path task, String comm) throws IOException;

	}

}
