package dev.waybill.bench.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One strategy at one rate: the commit-to-consumer latencies of its measured events, and
 * how well the schedule was kept.
 *
 * @param strategy the relay
 * @param rate the scheduled events per second
 * @param measured the events written after the warm-up
 * @param lost measured events committed and never received within the drain
 * @param duplicates events received more than once ({@code read_committed})
 * @param latencies commit-to-consumer latencies of the received measured events
 * @param achievedRate measured events per second, from the first one's due time to the
 * last commit
 * @param lateness how many measured events began more than 10 ms late, and the worst
 * @param loadBefore the 1-minute load average when the phase began
 * @param loadAfter the 1-minute load average when it ended
 * @param slices the latencies of each sixth of the measured events, in schedule order:
 * steady figures, or a backlog growing or draining
 * @param details the relay's settings that bear on latency as it bound them, its batches,
 * and the CPU the phase had
 */
public record PhaseResult(Strategy strategy, int rate, int measured, int lost, int duplicates, Latencies latencies,
		double achievedRate, OpenLoopWriter.Lateness lateness, double loadBefore, double loadAfter,
		List<Latencies> slices, String details) {

	static final int SLICES = 6;

	/**
	 * @return whether every measured event began within 10 ms of when it was due
	 */
	public boolean scheduleKept() {
		return this.lateness.late() == 0;
	}

	/**
	 * Measures a phase from its writer's and consumer's records.
	 * @param written the schedule's outcome
	 * @param arrivals when each event arrived, 0 for never
	 * @param from the first measured event
	 * @param rate events per second
	 * @return the latencies and the lost events
	 */
	static Measured measure(OpenLoopWriter.Written written, long[] arrivals, int from, int rate) {
		long[] commits = written.commits();
		double[] latencies = new double[commits.length - from];
		int received = 0;
		long lastCommit = 0;
		for (int i = from; i < commits.length; i++) {
			lastCommit = Math.max(lastCommit, commits[i]);
			if (arrivals[i] != 0) {
				latencies[received++] = (arrivals[i] - commits[i]) / 1e6;
			}
		}
		double seconds = (lastCommit - written.due(from, rate)) / 1e9;
		return new Measured(Latencies.of(Arrays.copyOf(latencies, received)), commits.length - from - received,
				(commits.length - from) / seconds, slices(commits, arrivals, from));
	}

	private static List<Latencies> slices(long[] commits, long[] arrivals, int from) {
		List<Latencies> slices = new ArrayList<>();
		int measured = commits.length - from;
		for (int slice = 0; slice < SLICES; slice++) {
			int start = from + (int) ((long) measured * slice / SLICES);
			int end = from + (int) ((long) measured * (slice + 1) / SLICES);
			slices.add(Latencies.of(IntStream.range(start, end)
				.filter((i) -> arrivals[i] != 0)
				.mapToDouble((i) -> (arrivals[i] - commits[i]) / 1e6)
				.toArray()));
		}
		return slices;
	}

	/**
	 * @param latencies the received events' latencies
	 * @param lost the events not received
	 * @param achievedRate measured events per second
	 * @param slices the latencies of each sixth of the measured events
	 */
	record Measured(Latencies latencies, int lost, double achievedRate, List<Latencies> slices) {

	}

}
