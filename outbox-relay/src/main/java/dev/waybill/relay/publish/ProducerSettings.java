package dev.waybill.relay.publish;

import java.time.Duration;

import dev.waybill.relay.kafka.KafkaClients;

/**
 * How the relay's producers are built, the same for every source: the Kafka client
 * settings (where the brokers are, how to reach them), whether batches are transactions,
 * and the timeouts that bound how long a broker outage goes unnoticed.
 *
 * @param clients the Kafka client settings
 * @param transactional whether each batch and its position are one Kafka transaction
 * (exactly once) or acknowledged one after the other (at least once)
 * @param transactionTimeout {@code transaction.timeout.ms}
 * @param deliveryTimeout {@code delivery.timeout.ms}
 * @param requestTimeout {@code request.timeout.ms}
 * @param maxBlock {@code max.block.ms}
 * @param linger {@code linger.ms}
 */
public record ProducerSettings(KafkaClients clients, boolean transactional, Duration transactionTimeout,
		Duration deliveryTimeout, Duration requestTimeout, Duration maxBlock, Duration linger) {

}
