package dev.waybill.stack;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Commits one transaction on a cluster, again and again until one commits: the first
 * transactions of a cluster that has just started meet its transaction coordinators while
 * their topic is created, replicated and loaded on every node, which a test of something
 * else should not meet.
 */
final class TransactionReadiness {

	/**
	 * The topic the readiness transaction writes, created by the cluster on first use.
	 */
	static final String TOPIC = "waybill.cluster.ready";

	private static final Duration RETRY_WAIT = Duration.ofMillis(500);

	private final String bootstrapServers;

	TransactionReadiness(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * @param timeout how long to try
	 * @throws IllegalStateException with the last failure when no transaction committed
	 * in time
	 */
	void await(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		KafkaException last;
		do {
			try {
				commitOne();
				return;
			}
			catch (KafkaException ex) {
				last = ex;
			}
			sleep(RETRY_WAIT);
		}
		while (System.nanoTime() < deadline);
		throw new IllegalStateException("The cluster committed no transaction within " + timeout, last);
	}

	private void commitOne() {
		try (Producer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ProducerConfig.TRANSACTIONAL_ID_CONFIG, "waybill-cluster-ready",
						ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(TOPIC, new byte[0]));
			producer.commitTransaction();
		}
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the cluster's transactions", ex);
		}
	}

}
