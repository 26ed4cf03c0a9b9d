package dev.waybill.relay.capture;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.waybill.relay.RelayProperties;
import dev.waybill.relay.leadership.Leadership;
import dev.waybill.relay.offsets.OffsetsTopic;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts every source's engine once the context is ready, and on shutdown stops reading,
 * lets the batch in flight commit or abort, and closes each engine and producer. Sources
 * that fail later are restarted on a scheduler (a thread per source, so that one slow
 * attempt delays no other source), which stops with the relay.
 */
final class CaptureLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CaptureLifecycle.class);

	private final RelayProperties relay;

	private final OffsetsTopic offsets;

	private final Capture capture;

	private final List<SourceLeader> leaders;

	private final BacklogWatcher backlogs;

	// renews the leases: a thread per source, so that one slow renewal delays no other
	private final ScheduledExecutorService renewals;

	private final List<SourceLeader> started = new ArrayList<>();

	private @Nullable ExecutorService executor;

	private @Nullable ScheduledExecutorService restarts;

	CaptureLifecycle(RelayProperties relay, OffsetsTopic offsets, Capture capture, MeterRegistry registry) {
		this.relay = relay;
		this.offsets = offsets;
		this.backlogs = new BacklogWatcher(relay.sources(), relay.capture(), relay.slotRetentionWarning(),
				Clock.systemUTC());
		this.capture = capture;
		this.renewals = Executors.newScheduledThreadPool(relay.sources().size(), threads("relay-lease-"));
		String instance = instance();
		this.leaders = relay.sources()
			.stream()
			.map((source) -> new SourceLeader(source, relay.restart(), capture,
					Leadership.of(source, instance, relay.lease().timeout(), this.renewals),
					relay.lease().retryInterval(), instance, registry))
			.toList();
	}

	// names this instance in its leader sessions: the process, and the host it runs on
	private static String instance() {
		String host = System.getenv().getOrDefault("HOSTNAME", "");
		if (host.isBlank()) {
			try {
				host = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.net.UnknownHostException ex) {
				host = "unknown-host";
			}
		}
		return ProcessHandle.current().pid() + "@" + host;
	}

	@Override
	public synchronized void start() {
		check();
		// a restarted source starts its new engine while the failed one's thread may
		// still be finishing: engine threads are not bounded by the number of sources
		ExecutorService engines = Executors.newCachedThreadPool(threads("relay-engine-"));
		ScheduledExecutorService restarter = Executors.newScheduledThreadPool(this.leaders.size(),
				threads("relay-restart-"));
		this.executor = engines;
		this.restarts = restarter;
		try {
			startSources(engines, restarter);
			this.backlogs.start();
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private void startSources(ExecutorService engines, ScheduledExecutorService restarter) {
		// the leadership of every source first, then every led source's fence, before any
		// starts: a source reads the offsets topic that every source writes
		long leading = this.leaders.stream().filter(SourceLeader::acquire).count();
		this.leaders.forEach(SourceLeader::fence);
		for (SourceLeader leader : this.leaders) {
			this.started.add(leader);
			leader.start(engines, restarter);
		}
		log.info("Relay started: {} source(s), leading {}, {} delivery", this.leaders.size(), leading,
				this.relay.delivery());
	}

	@Override
	public synchronized void stop() {
		this.backlogs.stop();
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).stop();
		}
		this.started.clear();
		ScheduledExecutorService restarter = this.restarts;
		this.restarts = null;
		if (restarter != null) {
			// an attempt under way sees its source stopped and stops the run it started
			restarter.shutdownNow();
			awaitTermination(restarter);
		}
		ExecutorService engines = this.executor;
		this.executor = null;
		if (engines != null) {
			engines.shutdownNow();
		}
		this.renewals.shutdownNow();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	// before anything streams: the broker, every source, the topics the relay writes
	private void check() {
		Preflight.checkBroker(this.offsets.clients(), this.relay.producer().requestTimeout());
		this.relay.sources().forEach(this.capture::check);
		this.offsets.ensure();
		TopicReplication.check(this.relay, this.offsets.clients());
	}

	List<SourceLeader> leaders() {
		return this.leaders;
	}

	BacklogWatcher backlogs() {
		return this.backlogs;
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			executor.awaitTermination(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> new Thread(runnable, prefix + count.incrementAndGet());
	}

}
