package dev.waybill.relay.capture.log;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Debezium engine and PostgreSQL connector settings that a source's {@code debezium}
 * passthrough may set, each with why it cannot break the relay's guarantees, and those
 * refused on purpose, each with why.
 * <p>
 * An allow-list: whatever is not allowed is refused, so a setting that a later Debezium
 * release adds stays out until it is judged here ({@code DebeziumPassthroughTests} walks
 * Debezium's own definitions). A refused entry names one setting or a family of them:
 * {@code snapshot} covers {@code snapshot.mode} and every other {@code snapshot.*}.
 * Checked against Debezium 3.6.1 and its PostgreSQL driver.
 */
final class DebeziumPassthrough {

	/** The settings a source may set, each with why that is safe. */
	static final Map<String, String> ALLOWED = reasons(
			because("TLS to the database: how the connection is secured, not what it reads", "database.sslmode",
					"database.sslrootcert", "database.sslcert", "database.sslkey", "database.sslpassword",
					"database.sslfactory"),
			because("when a connection counts as lost or a query as hung: the engine fails, and the source resumes "
					+ "from its last committed position", "database.tcpKeepAlive", "database.connectTimeout",
					"database.loginTimeout", "database.query.timeout.ms", "connection.validation.timeout.ms"),
			because("how often and how long the engine retries before it gives up: every retry, and the relay's "
					+ "restart after them, resumes from the last committed position", "errors.max.retries",
					"errors.retry.delay.initial.ms", "errors.retry.delay.max.ms", "retriable.restart.connector.wait.ms",
					"slot.max.retries", "slot.retry.delay.ms"),
			because("how the queue between the log reader and the relay keeps events and how much memory it may "
					+ "take: a full queue holds the reader back and drops nothing", "queue.provider.type",
					"max.queue.size.in.bytes"),
			because("how often the replication connection reports to the server, which only ever hears of "
					+ "positions the relay committed", "status.update.interval.ms"),
			because("Debezium's own metrics, which the relay does not read", "statistics.metrics.enabled",
					"custom.metric.tags"),
			because("makes the slot the relay creates a failover slot, which PostgreSQL 17 keeps on its standbys",
					"slot.failover"));

	/** The settings and families refused on purpose, each with why. */
	static final Map<String, String> REFUSED = reasons(
			because("changes which rows and columns are captured, or the values, keys, schemas and headers they "
					+ "arrive with: the relay reads the outbox row as its wire contract defines it", "table", "column",
					"schema", "include", "datatype", "database.include.list", "database.exclude.list",
					"message.key.columns", "binary.handling.mode", "time.precision.mode", "hstore.handling.mode",
					"interval.handling.mode", "money.fraction.digits", "unavailable.value.placeholder",
					"field.name.adjustment.mode", "skip.messages.without.change", "converters", "key.converter",
					"value.converter", "header.converter", "extended.headers.enabled"),
			because("transformations and their predicates change or drop records before the relay sees them",
					"transforms", "predicates", "post.processors"),
			because("'warn' or 'skip' would drop or blank an event that fails instead of stopping",
					"event.processing.failure.handling.mode", "event.converting.failure.handling.mode"),
			because("the relay streams inserts from its slot and copies no table: snapshots, and the signals, "
					+ "notifications and slot xmin that serve them, are not for it", "snapshot", "incremental.snapshot",
					"legacy.snapshot.max.threads", "streaming.delay.ms", "read.only", "signal", "notification",
					"xmin.fetch.interval.ms"),
			because("drops the slot, and the log it holds for the relay, whenever the engine stops",
					"slot.drop.on.stop"),
			because("options to the decoding plugin, some of which change what the log yields (origin, binary)",
					"slot.stream.params"),
			because("where positions are stored, when, and which wins at start: the relay commits each one in its "
					+ "batch's Kafka transaction", "offset"),
			because("how positions are confirmed to the slot, which the relay ties to its own commits", "lsn.flush",
					"flush.lsn.source"),
			because("alters the table's replica identity or how a publication is created: the relay creates its "
					+ "publication itself", "publication", "publish.via.partition.root",
					"replica.identity.autoset.values"),
			because("belongs to the relay's heartbeat, whose logical message keeps an idle slot moving", "heartbeat"),
			because("which logical decoding messages become events: the relay's heartbeat message must move the "
					+ "position without being published", "message.prefix"),
			because("names the engine's own topics, which the relay does not publish to: it routes each event by "
					+ "its aggregatetype", "topic"),
			because("adds transaction boundary events, which the relay does not expect",
					"provide.transaction.metadata"),
			because("runs statements of its own on every connection, the replication connection among them",
					"database.initial.statements"),
			because("replaces a part of Debezium with a class of its own", "database.connection.factory.class",
					"memory.management", "sourceinfo.struct.maker", "transaction.metadata.factory"),
			because("not read by the PostgreSQL connector", "query.fetch.size", "database.connection.timeout.ms"),
			because("driver settings that take precedence over database.*, the relay's connection among them",
					"driver"),
			because("how the engine runs the relay's consumer and how long it may take to stop: the relay needs "
					+ "records in log order and waits a fixed time for a stop", "record.processing",
					"executor.shutdown.timeout.ms", "debezium.embedded.shutdown.pause.before.interrupt.ms"),
			because("Debezium's internal settings, such as the check that a stored position is still in the log",
					"internal"),
			because("decides which settings Debezium masks in its logs, the passwords among them",
					"custom.sanitize.pattern"),
			because("limits the tables captured, and the relay captures one", "guardrail"),
			because("emits lineage through a client and configuration the relay does not ship", "openlineage"));

	private DebeziumPassthrough() {
	}

	/**
	 * Whether a source may set a setting.
	 * @param name the setting
	 * @return whether it is allowed
	 */
	static boolean allows(String name) {
		return ALLOWED.containsKey(name);
	}

	/**
	 * Why a setting is refused on purpose: the reason of its own entry, or else of the
	 * nearest family it belongs to.
	 * @param name the setting
	 * @return the reason, or empty when the setting is not refused on purpose
	 */
	static Optional<String> refusal(String name) {
		String key = name;
		while (!REFUSED.containsKey(key) && key.lastIndexOf('.') > 0) {
			key = key.substring(0, key.lastIndexOf('.'));
		}
		return Optional.ofNullable(REFUSED.get(key));
	}

	@SafeVarargs
	private static Map<String, String> reasons(Stream<Map.Entry<String, String>>... groups) {
		return Stream.of(groups)
			.flatMap(Function.identity())
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static Stream<Map.Entry<String, String>> because(String reason, String... names) {
		return Arrays.stream(names).map((name) -> Map.entry(name, reason));
	}

}
