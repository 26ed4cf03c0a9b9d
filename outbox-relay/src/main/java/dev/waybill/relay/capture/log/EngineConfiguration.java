package dev.waybill.relay.capture.log;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import dev.waybill.relay.Source;

/**
 * The Debezium engine and PostgreSQL connector settings for one source: the relay's own,
 * then those of the source's {@code debezium} passthrough that
 * {@link DebeziumPassthrough} allows, which may change some of the relay's choices but
 * none of the settings that its guarantees rest on.
 */
final class EngineConfiguration {

	/** The relay's settings that have a relay property of their own. */
	private static final Map<String, String> RELAY_PROPERTIES = Map.ofEntries(
			Map.entry("poll.interval.ms", "poll-interval"), Map.entry("max.batch.size", "max-batch-size"),
			Map.entry("max.queue.size", "max-batch-size"), Map.entry("heartbeat.interval.ms", "heartbeat-interval"),
			Map.entry("slot.name", "sources[n].slot-name"),
			Map.entry("publication.name", "sources[n].publication-name"),
			Map.entry("table.include.list", "sources[n].table"), Map.entry("database.user", "sources[n].username"),
			Map.entry("database.password", "sources[n].password"), Map.entry("database.sslmode", "sources[n].ssl.mode"),
			Map.entry("database.sslrootcert", "sources[n].ssl.root-cert"),
			Map.entry("database.sslcert", "sources[n].ssl.cert"), Map.entry("database.sslkey", "sources[n].ssl.key"),
			Map.entry("database.sslpassword", "sources[n].ssl.key-password"));

	private static final String HEARTBEAT_MESSAGE_PREFIX = "waybill-heartbeat";

	private EngineConfiguration() {
	}

	/**
	 * The engine's settings for a source.
	 * @param source the source
	 * @param settings log capture's settings
	 * @return the settings
	 * @throws IllegalArgumentException when the source's passthrough names a setting that
	 * {@link DebeziumPassthrough} does not allow
	 */
	static Properties of(Source source, LogSettings settings) {
		Properties properties = relaySettings(source, settings);
		source.debezium().forEach((name, value) -> {
			// a setting the relay took from a property of its own (the source's TLS,
			// which
			// every connection uses) is that property's alone, even where Debezium's may
			// be passed through
			boolean setByRelay = properties.containsKey(name);
			if (!DebeziumPassthrough.allows(name) || (setByRelay && RELAY_PROPERTIES.containsKey(name))) {
				throw new IllegalArgumentException(refusal(source, name, setByRelay));
			}
			properties.setProperty(name, value);
		});
		return properties;
	}

	/**
	 * The engine's settings for a run of a source.
	 * @param source the source
	 * @param settings log capture's settings
	 * @param committed the positions committed to the offsets topic, which the engine's
	 * offset store starts from
	 * @return the settings
	 */
	static Properties forRun(Source source, LogSettings settings, Map<ByteBuffer, ByteBuffer> committed) {
		Properties properties = of(source, settings);
		properties.setProperty(KafkaOffsetStore.COMMITTED, KafkaOffsetStore.encode(committed));
		return properties;
	}

	// names the setting, never its value: it may be a password
	private static String refusal(Source source, String name, boolean setByRelay) {
		String setting = "waybill.relay.sources[" + source.name() + "].debezium." + name;
		if (setByRelay) {
			String property = RELAY_PROPERTIES.get(name);
			return setting + " is set by the relay, which depends on its value"
					+ ((property != null) ? ": use waybill.relay." + property : "");
		}
		return DebeziumPassthrough.refusal(name)
			.map((reason) -> setting + " is not passed to Debezium: " + reason)
			.orElseGet(() -> setting + " is not one of the Debezium settings a source may set, which are "
					+ String.join(", ", new TreeSet<>(DebeziumPassthrough.ALLOWED.keySet())));
	}

	private static Properties relaySettings(Source source, LogSettings settings) {
		Properties properties = new Properties();
		engine(properties, source, settings);
		connection(properties, source);
		slotAndPublication(properties, source);
		pacing(properties, settings);
		return properties;
	}

	// the engine itself: its name, offsets, retries and metrics
	private static void engine(Properties properties, Source source, LogSettings settings) {
		// the engine name is part of every stored offset key: it must never change
		properties.setProperty("name", source.name());
		properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		properties.setProperty("offset.storage", KafkaOffsetStore.class.getName());
		// flush after every batch: the batch's offset is already committed in Kafka, and
		// the flush is what lets the task confirm the LSN to the slot
		properties.setProperty("offset.flush.interval.ms", "0");
		// latency quantiles of Debezium's own metrics, which the relay does not read: it
		// measures each event from its row's occurred_at to the Kafka commit itself
		properties.setProperty("statistics.metrics.enabled", "false");
		// a few quick retries inside the engine; after them the engine stops, health
		// turns DOWN and the relay restarts the source with a growing backoff
		properties.setProperty("errors.max.retries", "3");
		// Debezium's default waits 10 s before each of them: a database restart would go
		// unreported for half a minute
		properties.setProperty("retriable.restart.connector.wait.ms", Long.toString(settings.retryWait().toMillis()));
	}

	// the database and the names of what is captured
	private static void connection(Properties properties, Source source) {
		properties.setProperty("database.hostname", source.resolvedHost());
		properties.setProperty("database.port", Integer.toString(source.port()));
		properties.setProperty("database.dbname", source.resolvedDatabase());
		properties.setProperty("database.user", source.username());
		properties.setProperty("database.password", source.password());
		// the same TLS as the relay's own connections: Debezium's are the same driver's
		source.ssl().driverSettings().forEach((name, value) -> properties.setProperty("database." + name, value));
		properties.setProperty("topic.prefix", source.name());
		// the default naming's LRU cache costs a few percent of the decoding thread
		properties.setProperty("topic.naming.strategy", CapturedTableTopics.class.getName());
	}

	// what is read from the slot, and how it is decoded
	private static void slotAndPublication(Properties properties, Source source) {
		// the task confirms a position to the slot when its offset is committed, and only
		// then: "connector_and_driver" would also let the driver confirm positions on its
		// own while idle, which the heartbeat's logical message makes unnecessary
		properties.setProperty("lsn.flush.mode", "connector");
		properties.setProperty("plugin.name", "pgoutput");
		properties.setProperty("slot.name", source.slot());
		properties.setProperty("publication.name", source.publication());
		// Preflight created or checked it (OutboxPublication): Debezium's own would also
		// publish updates, deletes and truncates
		properties.setProperty("publication.autocreate.mode", "disabled");
		properties.setProperty("table.include.list", source.table());
		// the outbox is a stream of inserts, not a table to copy: start at the slot
		properties.setProperty("snapshot.mode", "no_data");
		// cleanup deletes (and any update) are not events: the relay's publication
		// does not publish them, and Debezium drops them from one it could not narrow
		properties.setProperty("skipped.operations", "u,d,t");
		properties.setProperty("tombstones.on.delete", "false");
		// a numeric aggregate_version arrives as exact decimal text
		properties.setProperty("decimal.handling.mode", "string");
	}

	// batches, waits and heartbeats
	private static void pacing(Properties properties, LogSettings settings) {
		properties.setProperty("heartbeat.interval.ms", Long.toString(settings.heartbeatInterval().toMillis()));
		// a heartbeat alone repeats the last position decoded: with an idle outbox and
		// busy neighbours nothing is decoded, and the slot would keep their log for
		// good. A logical message is decoded and moves the position; it is not published
		properties.setProperty("heartbeat.action.query",
				"SELECT pg_logical_emit_message(false, '" + HEARTBEAT_MESSAGE_PREFIX + "', '')");
		properties.setProperty("message.prefix.exclude.list", HEARTBEAT_MESSAGE_PREFIX);
		properties.setProperty("max.batch.size", Integer.toString(settings.maxBatchSize()));
		properties.setProperty("max.queue.size", Integer.toString(settings.maxBatchSize() * 4));
		properties.setProperty("poll.interval.ms", Long.toString(settings.pollInterval().toMillis()));
		// Debezium's own queue storage lets the poll loop spin through the last
		// millisecond of every wait, idle or not (SpinFreeQueue)
		properties.setProperty("queue.provider.type", SpinFreeQueue.NAME);
	}

}
