package dev.waybill.bench.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.waybill.bench.BenchmarkRelay;
import dev.waybill.contract.WireContract;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.RelayProcess;
import dev.waybill.relay.RelayProperties.Delivery;
import dev.waybill.relay.RelayRunner;
import dev.waybill.relay.TopicReader;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.StackSettings;

/**
 * Two relay processes with the same settings on one source, log capture, exactly once,
 * under a stream of writes. Measures from each fault until the next event reaches a
 * {@code read_committed} consumer: {@code kill -9} of the leader, the leader paused with
 * SIGSTOP (then resumed: it must publish nothing and stand by), the leader stopped
 * gracefully. Ends with every written event read exactly once. Arguments: the lease
 * timeout in seconds (10) and the pause in seconds (60).
 */
public final class FailoverBenchmark {

	private final RelayProcess first;

	private final RelayProcess second;

	private final StreamingWriter writer;

	private final TopicReader reader;

	private FailoverBenchmark(RelayProcess first, RelayProcess second, StreamingWriter writer, TopicReader reader) {
		this.first = first;
		this.second = second;
		this.writer = writer;
		this.reader = reader;
	}

	public static void main(String[] args) throws Exception {
		int lease = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		int pause = (args.length > 1) ? Integer.parseInt(args[1]) : 60;
		try (EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).start()) {
			OutboxDatabase outbox = OutboxDatabase.create(stack, "failover");
			RelayRunner relay = RelayRunner.of(stack, outbox, Delivery.EXACTLY_ONCE);
			List<String> settings = List.of("waybill.relay.lease.timeout=" + lease + "s",
					BenchmarkRelay.NO_DATA_SOURCE);
			Files.createDirectories(Path.of("target"));
			Files.deleteIfExists(Path.of("target", "failover-first.log"));
			Files.deleteIfExists(Path.of("target", "failover-second.log"));
			RelayProcess first = new RelayProcess(relay, Path.of("target", "failover-first.log"), settings);
			RelayProcess second = new RelayProcess(relay, Path.of("target", "failover-second.log"), settings);
			try (StreamingWriter writer = new StreamingWriter(outbox);
					TopicReader reader = new TopicReader(stack.bootstrapServers(),
							relay.topicPrefix().replace(".", "\\.") + "failover")) {
				new FailoverBenchmark(first, second, writer, reader).run(lease, pause);
			}
			finally {
				first.kill();
				second.kill();
			}
		}
	}

	private void run(int lease, int pause) throws Exception {
		System.out.printf("[failover] lease timeout %d s, pause %d s%n", lease, pause);
		this.first.start();
		this.second.startStandingBy();
		this.writer.start();
		report("kill -9 of the leader", measure(this.first::kill), this.second);
		this.first.startStandingBy();
		report("SIGSTOP of the leader", measure(this.second::pause), this.first);
		TimeUnit.SECONDS.sleep(pause);
		this.second.resume();
		TimeUnit.SECONDS.sleep(lease);
		String resumed = Files.readString(this.second.log());
		System.out.printf("[failover] the resumed leader logged its lost leadership: %s%n",
				resumed.contains("lost its leadership"));
		report("graceful stop of the leader", measure(this.first::stop), this.second);
		this.writer.close();
		checkExactlyOnce();
	}

	// the writes pause while the fault is injected, so that the first event read after
	// it is one the new leader published
	private Fault measure(Runnable fault) throws InterruptedException {
		this.writer.pause();
		int before = awaitRead(this.writer.written().size());
		Instant at = Instant.now();
		long start = System.nanoTime();
		fault.run();
		this.writer.resume();
		while (this.reader.poll().size() <= before) {
			TimeUnit.MILLISECONDS.sleep(10);
		}
		return new Fault(at, Duration.ofNanos(System.nanoTime() - start));
	}

	private int awaitRead(int count) throws InterruptedException {
		while (distinctIds().size() < count) {
			TimeUnit.MILLISECONDS.sleep(20);
		}
		return this.reader.poll().size();
	}

	private void checkExactlyOnce() throws InterruptedException {
		Set<String> written = this.writer.written();
		awaitRead(written.size());
		TimeUnit.SECONDS.sleep(3);
		List<String> ids = this.reader.poll()
			.stream()
			.map((record) -> TopicReader.header(record, WireContract.HEADER_ID))
			.toList();
		System.out.printf("[failover] %d events written, %d read, %d distinct, all written read: %s%n", written.size(),
				ids.size(), new HashSet<>(ids).size(), new HashSet<>(ids).equals(written));
	}

	private Set<String> distinctIds() {
		Set<String> ids = new HashSet<>();
		this.reader.poll().forEach((record) -> ids.add(TopicReader.header(record, WireContract.HEADER_ID)));
		return ids;
	}

	// the takeover as the new leader logged it, once it held the lock
	private static void report(String name, Fault fault, RelayProcess next) throws IOException {
		Instant tookOver = null;
		for (String line : Files.readAllLines(next.log())) {
			if (line.contains("this instance took the leadership over") && line.length() > 24) {
				Instant logged = Instant.parse(line.substring(0, 24));
				if (logged.isAfter(fault.at())) {
					tookOver = logged;
					break;
				}
			}
		}
		System.out.printf("[failover] %s: the standby took over after %s, the next event was read after %.2f s%n", name,
				(tookOver != null) ? "%.2f s".formatted(Duration.between(fault.at(), tookOver).toMillis() / 1000.0)
						: "(not logged)",
				fault.untilNextEvent().toMillis() / 1000.0);
	}

	private record Fault(Instant at, Duration untilNextEvent) {
	}

}
