package dev.waybill.bench.writer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.waybill.bench.latency.Latencies;
import dev.waybill.outbox.OutboxWriter;
import org.jspecify.annotations.Nullable;

/**
 * One variant of the business transaction, with what its rounds measured.
 */
final class Contender {

	private final String label;

	private final @Nullable OutboxWriter writer;

	private final int appends;

	private final List<Double> roundThroughputs = new ArrayList<>();

	private long[] latencies = new long[1 << 16];

	private int transactions;

	private long nanos;

	private long cpuNanos;

	/**
	 * @param label how the report names it
	 * @param writer the outbox writer, or {@code null} for the business row alone
	 * @param appends the events each transaction appends
	 */
	Contender(String label, @Nullable OutboxWriter writer, int appends) {
		this.label = label;
		this.writer = writer;
		this.appends = appends;
	}

	String label() {
		return this.label;
	}

	int appends() {
		return (this.writer != null) ? this.appends : 0;
	}

	void runOnce(OrderTransactions orders) {
		orders.place(this.writer, this.appends);
	}

	synchronized void record(long[] roundLatencies, int count, long threadCpuNanos) {
		this.cpuNanos += threadCpuNanos;
		if (this.transactions + count > this.latencies.length) {
			this.latencies = Arrays.copyOf(this.latencies,
					Math.max(this.latencies.length * 2, this.transactions + count));
		}
		System.arraycopy(roundLatencies, 0, this.latencies, this.transactions, count);
		this.transactions += count;
	}

	synchronized void roundEnded(int count, long roundNanos) {
		this.nanos += roundNanos;
		this.roundThroughputs.add(count / (roundNanos / 1e9));
	}

	List<Double> roundThroughputs() {
		return this.roundThroughputs;
	}

	/**
	 * @return transactions per second over all rounds
	 */
	double throughput() {
		return this.transactions / (this.nanos / 1e9);
	}

	/**
	 * @return the CPU time of the transactions' threads per transaction, in microseconds
	 */
	synchronized double cpuMicrosPerTransaction() {
		return this.cpuNanos / 1e3 / this.transactions;
	}

	int transactions() {
		return this.transactions;
	}

	Latencies latencies() {
		double[] millis = new double[this.transactions];
		for (int i = 0; i < this.transactions; i++) {
			millis[i] = this.latencies[i] / 1e6;
		}
		return Latencies.of(millis);
	}

}
