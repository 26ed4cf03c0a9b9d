package dev.waybill.bench.drain;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

	private final Path postgresData;

	private final long startNanos = System.nanoTime();

	private final JavaThreadCpu javaThreads = new JavaThreadCpu();

	private final KernelTasks tasks = new KernelTasks();

	private final long processBefore = JavaThreadCpu.processCpu();

	private final long[] machineBefore = ProcStat.machineJiffies();

	private final PostgresTicks postgresBefore;

	private final DecodingThreadStates decoding;

	private CpuAccount(Path postgresData) {
		this.postgresData = postgresData;
		this.postgresBefore = PostgresTicks.of(postgresData);
		this.decoding = DecodingThreadStates.start();
	}

	static CpuAccount start(Path postgresData) {
		return new CpuAccount(postgresData);
	}

	/**
	 * Prints CPU per event of each group since {@link #start}; call it while the drain's
	 * threads still run.
	 * @param events the events drained
	 */
	void print(long events) {
		this.decoding.stop();
		long wall = System.nanoTime() - this.startNanos;
		JavaThreadCpu.Usage java = this.javaThreads.usageSince();
		Map<String, Long> tasksNow = KernelTasks.cpu();
		long process = JavaThreadCpu.processCpu() - this.processBefore;
		Map<String, Long> groups = withJvmThreads(java, tasksNow, process);
		PostgresTicks postgres = PostgresTicks.of(this.postgresData).since(this.postgresBefore);
		printTotals(events, process, postgres, ProcStat.machineJiffies());
		printGroups(groups, events);
		printBusiestOthers(java.busiestOthers(), events);
		BenchmarkReport.print("    %6.1f  PostgreSQL walsender"
			.formatted(micros(postgres.walsenders() * ProcStat.TICK_NANOS, events)));
		printBusiestThreads(wall, events);
		BenchmarkReport.print("  decoding thread's state, sampled every 5 ms: %s".formatted(this.decoding.shares()));
	}

	// the JVM's own threads (JIT, GC, VM thread) are not Java threads: the kernel has
	// their figures, or the process's total less all others
	private Map<String, Long> withJvmThreads(JavaThreadCpu.Usage java, Map<String, Long> tasksNow, long process) {
		Map<String, Long> groups = new LinkedHashMap<>(java.groups());
		long jit = this.tasks.cpuSince(tasksNow,
				(comm) -> comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler"));
		long gc = this.tasks.cpuSince(tasksNow, (comm) -> comm.startsWith("GC Thread") || comm.startsWith("G1 "));
		groups.put("JIT compiler threads", jit);
		groups.put("GC threads", gc);
		groups.put("other JVM threads (VM thread, ...)", Math.max(0, process - java.total() - jit - gc));
		return groups;
	}

	private void printTotals(long events, long process, PostgresTicks postgres, long[] machine) {
		int cores = Runtime.getRuntime().availableProcessors();
		double busyCores = (double) (machine[0] - this.machineBefore[0])
				/ Math.max(1, machine[1] - this.machineBefore[1]) * cores;
		BenchmarkReport
			.print("  CPU per event, µs (this JVM %.1f, PostgreSQL %.1f; machine busy %.2f of %d cores; load %s):"
				.formatted(micros(process, events), micros(postgres.all() * ProcStat.TICK_NANOS, events), busyCores,
						cores, ProcStat.loadAverage()));
	}

	private static void printGroups(Map<String, Long> groups, long events) {
		groups.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.filter((entry) -> entry.getValue() > 0)
			.forEach((entry) -> BenchmarkReport
				.print("    %6.1f  %s".formatted(micros(entry.getValue(), events), entry.getKey())));
	}

	private static void printBusiestOthers(List<Map.Entry<String, Long>> busiest, long events) {
		BenchmarkReport.print("  busiest of the %s: %s".formatted(JavaThreadCpu.OTHERS.toLowerCase(Locale.ROOT),
				busiest.stream()
					.map((entry) -> String.format("%s %.1f", entry.getKey(), micros(entry.getValue(), events)))
					.collect(Collectors.joining("; "))));
	}

	// the decoding thread's kernel name is cut to "debezium-postgr", as are the
	// connector's other threads: it is the one of them that ran longest; the engine's
	// poll thread is found by its stack, and by its (short) name in the kernel
	private void printBusiestThreads(long wall, long events) {
		Map<String, long[]> now = KernelTasks.schedules();
		printSchedule("decoding thread", this.tasks.busiestSince(now, "debezium-postgr"), wall, events);
		String poller = JavaThreadCpu.pollThreadName();
		if (poller != null) {
			String comm = poller.substring(0, Math.min(15, poller.length()));
			printSchedule("engine poll thread", this.tasks.busiestSince(now, comm), wall, events);
		}
	}

	private static void printSchedule(String thread, long @Nullable [] schedule, long wall, long events) {
		if (schedule == null) {
			return;
		}
		BenchmarkReport
			.print("  %s: on a core %.0f%% of the drain (%.1f µs per event), waiting for a core %.0f%%, blocked %.0f%%"
				.formatted(thread, 100.0 * schedule[0] / wall, micros(schedule[0], events), 100.0 * schedule[1] / wall,
						100.0 * Math.max(0, wall - schedule[0] - schedule[1]) / wall));
	}

	private static double micros(long nanos, long events) {
		return nanos / 1000.0 / events;
	}

}
