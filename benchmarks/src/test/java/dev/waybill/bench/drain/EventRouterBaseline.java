package dev.waybill.bench.drain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.waybill.stack.ServiceDatabase;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.debezium.engine.format.KeyValueHeaderChangeEventFormat;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline users pick today: Debezium's own {@code EventRouter} SMT in an embedded
 * engine with the JSON format, each batch sent with an idempotent producer and awaited
 * before it is marked processed (as Debezium Server's Kafka sink does), offsets in memory
 * (which favours the baseline).
 */
final class EventRouterBaseline implements AutoCloseable {

	private final DebeziumEngine<ChangeEvent<String, String>> engine;

	private final KafkaProducer<String, String> producer;

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final AtomicLong published = new AtomicLong();

	private final CompletableFuture<Void> streaming = new CompletableFuture<>();

	EventRouterBaseline(String bootstrapServers, int postgresPort, String name) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		this.producer = new KafkaProducer<>(config);
		String prefix = name + ".event.";
		this.engine = DebeziumEngine.create(KeyValueHeaderChangeEventFormat.of(Json.class, Json.class, Json.class))
			.using(properties(postgresPort, name, prefix))
			.notifying((records, committer) -> {
				List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
				for (ChangeEvent<String, String> record : records) {
					if (record.destination().startsWith(prefix)) {
						acks.add(this.producer.send(toKafka(record)));
					}
				}
				for (Future<RecordMetadata> ack : acks) {
					await(ack);
				}
				this.published.addAndGet(acks.size());
				for (ChangeEvent<String, String> record : records) {
					committer.markProcessed(record);
				}
				committer.markBatchFinished();
			})
			.using(new DebeziumEngine.ConnectorCallback() {
				@Override
				public void pollingStarted() {
					EventRouterBaseline.this.streaming.complete(null);
				}
			})
			.build();
	}

	/**
	 * Starts the engine and returns once it streams, as the relay's startup does.
	 */
	void start() throws Exception {
		this.executor.execute(this.engine);
		this.streaming.get(60, TimeUnit.SECONDS);
	}

	long published() {
		return this.published.get();
	}

	@Override
	public void close() throws IOException {
		this.engine.close();
		this.executor.shutdown();
		this.producer.close();
	}

	private static ProducerRecord<String, String> toKafka(ChangeEvent<String, String> record) {
		RecordHeaders headers = new RecordHeaders();
		for (io.debezium.engine.Header<Object> header : record.headers()) {
			headers.add(header.getKey(), String.valueOf(header.getValue()).getBytes(StandardCharsets.UTF_8));
		}
		return new ProducerRecord<>(record.destination(), null, record.key(), record.value(), headers);
	}

	private static void await(Future<RecordMetadata> ack) throws InterruptedException {
		try {
			ack.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static Properties properties(int postgresPort, String name, String prefix) {
		Properties properties = new Properties();
		properties.setProperty("name", name);
		properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		properties.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
		properties.setProperty("offset.flush.interval.ms", "0");
		properties.setProperty("database.hostname", "127.0.0.1");
		properties.setProperty("database.port", Integer.toString(postgresPort));
		properties.setProperty("database.dbname", name);
		properties.setProperty("database.user", ServiceDatabase.RELAY_USER);
		properties.setProperty("database.password", ServiceDatabase.RELAY_PASSWORD);
		properties.setProperty("topic.prefix", name);
		properties.setProperty("plugin.name", "pgoutput");
		properties.setProperty("slot.name", name);
		properties.setProperty("publication.name", name);
		properties.setProperty("publication.autocreate.mode", "filtered");
		properties.setProperty("table.include.list", "public.outbox_event");
		properties.setProperty("snapshot.mode", "no_data");
		properties.setProperty("tombstones.on.delete", "false");
		properties.setProperty("max.batch.size", "2048");
		properties.setProperty("max.queue.size", "8192");
		properties.setProperty("poll.interval.ms", "50");
		properties.setProperty("converter.schemas.enable", "false");
		properties.setProperty("transforms", "outbox");
		properties.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
		properties.setProperty("transforms.outbox.route.topic.replacement", prefix + "${routedByValue}");
		properties.setProperty("transforms.outbox.table.fields.additional.placement",
				"type:header:eventType,aggregate_version:header:aggregateVersion");
		// named table.fields.additional.error.on.missing before Debezium 3.6, with no
		// alias
		properties.setProperty("transforms.outbox.table.field.additional.missing", "error");
		return properties;
	}

}
