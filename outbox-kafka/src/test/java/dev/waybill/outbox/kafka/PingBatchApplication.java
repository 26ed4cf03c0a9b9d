package dev.waybill.outbox.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.NotBlank;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A consumer with a batch listener, for the batch tests: each {@code Pinged} event
 * inserts a row into {@code ping} (name, key, sequence number), fails as often as the
 * event says, or is poison when it says so. With {@code test.stall-file} set, the first
 * batch holding a ping named {@code stall} writes that file and then hangs, inside its
 * database transaction or, with {@code test.stall-after-commit=true}, after it committed
 * and before the container commits the offsets, so that a test can kill the process
 * there. Runs in the test's JVM or, from {@link #main}, in a process of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class PingBatchApplication {

	static final String STALL = "stall";

	private static final String STALL_NAME = "\"name\":\"" + STALL + "\"";

	/**
	 * Creates a database with the {@code ping} table, and the arguments that start this
	 * application on it and on the stack's broker, consuming the topic with a group of
	 * the topic's name.
	 * @param stack the embedded stack
	 * @param topic the topic to consume
	 * @param settings further arguments
	 * @return the arguments
	 */
	static List<String> prepare(EmbeddedStack stack, String topic, String... settings) {
		ServiceDatabase database = stack.createDatabase("pings");
		stack.postgres()
			.execute(database.name(),
					"CREATE TABLE ping (applied bigserial PRIMARY KEY, name text NOT NULL, key text NOT NULL,"
							+ " seq int NOT NULL)",
					"ALTER TABLE ping OWNER TO \"" + database.user() + "\"",
					"ALTER SEQUENCE ping_applied_seq OWNER TO \"" + database.user() + "\"");
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + stack.jdbcUrl(database),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--spring.kafka.bootstrap-servers=" + stack.bootstrapServers(),
				"--spring.kafka.consumer.group-id=" + topic, "--waybill.outbox.schema=script",
				"--test.topic=" + topic));
		arguments.addAll(List.of(settings));
		return arguments;
	}

	static ConfigurableApplicationContext run(List<String> arguments) {
		return new SpringApplicationBuilder(PingBatchApplication.class).web(WebApplicationType.NONE)
			.run(arguments.toArray(String[]::new));
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(PingBatchApplication.class).web(WebApplicationType.NONE).run(args);
	}

	@Bean
	Pings pings(IncomingEvents events, JdbcTemplate jdbc, @Value("${test.stall-file:}") String stallFile,
			@Value("${test.stall-after-commit:false}") boolean stallAfterCommit) {
		return new Pings(events, jdbc, stallFile.isEmpty() ? null : Path.of(stallFile), stallAfterCommit);
	}

	record Pinged(@NotBlank String name, String key, int seq, int failures, boolean poison) {
	}

	static final class Pings {

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final IncomingEvents events;

		private final JdbcTemplate jdbc;

		private final EventHandlers handlers;

		private final Path stallFile;

		private final boolean stallAfterCommit;

		Pings(IncomingEvents events, JdbcTemplate jdbc, Path stallFile, boolean stallAfterCommit) {
			this.events = events;
			this.jdbc = jdbc;
			this.stallFile = stallFile;
			this.stallAfterCommit = stallAfterCommit;
			this.handlers = EventHandlers.builder().on("Pinged", Pinged.class, this::apply).ignore("Noted").build();
		}

		@OutboxListener(topics = "${test.topic}", batch = "true")
		void on(List<ConsumerRecord<String, String>> records) {
			this.events.applyAll(records, this.handlers);
			if (this.stallAfterCommit && records.stream().anyMatch((record) -> record.value().contains(STALL_NAME))) {
				stallOnce();
			}
		}

		int attempts(String name) {
			return this.attempts.getOrDefault(name, new AtomicInteger()).get();
		}

		private void apply(Pinged ping) {
			int attempt = this.attempts.computeIfAbsent(ping.name(), (key) -> new AtomicInteger()).incrementAndGet();
			this.jdbc.update("INSERT INTO ping (name, key, seq) VALUES (?, ?, ?)", ping.name(), ping.key(), ping.seq());
			if (ping.poison()) {
				throw new PoisonRecordException("Ping " + ping.name() + " can never be applied");
			}
			if (attempt <= ping.failures()) {
				throw new TransientDataAccessResourceException("database hiccup " + attempt + " for " + ping.name());
			}
			if (!this.stallAfterCommit && STALL.equals(ping.name())) {
				stallOnce();
			}
		}

		// the first time only: the process that restarts after the kill goes on
		private void stallOnce() {
			if (this.stallFile == null || Files.exists(this.stallFile)) {
				return;
			}
			try {
				Files.writeString(this.stallFile, Long.toString(ProcessHandle.current().pid()));
				Thread.sleep(Long.MAX_VALUE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while stalling", ex);
			}
		}

	}

}
