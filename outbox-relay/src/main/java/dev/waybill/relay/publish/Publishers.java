package dev.waybill.relay.publish;

import java.util.function.BooleanSupplier;

import dev.waybill.relay.Source;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link Publisher} of each run of a source, each with a new producer: a source
 * that restarts after a failure uses a fresh one, whose {@link Publisher#open()} aborts
 * what the failed one left open. Built once at startup.
 */
public interface Publishers {

	/**
	 * @param source the source
	 * @param permitted asked right before each batch would become visible (the Kafka
	 * commit, or the position record at least once): a batch it refuses is aborted, and
	 * publishing fails with a {@link PublicationException}. The relay asks whether this
	 * instance still leads the source
	 * @return a publisher with a new producer, not open yet
	 */
	Publisher create(Source source, BooleanSupplier permitted);

	/**
	 * Fences every older producer of the source and aborts the transaction it left open,
	 * without publishing anything. The relay does this for all its sources before any of
	 * them reads the offsets topic they share: a transaction left open there by a relay
	 * that died would otherwise hold every reader back until the broker aborts it.
	 * Nothing is done at least once, where there are no transactions.
	 * @param source the source
	 */
	void fence(Source source);

	/**
	 * @param producer how producers are built
	 * @param topics where they write
	 * @param registry where publishing records its metrics
	 * @param cloudEventsSourcePrefix with CloudEvents on, the start of every event's
	 * {@code source} attribute (the relay source's name follows), else {@code null}
	 * @return publishers to Kafka
	 */
	static Publishers kafka(ProducerSettings producer, Topics topics, MeterRegistry registry,
			@Nullable String cloudEventsSourcePrefix) {
		return new KafkaPublishers(producer, topics, registry, cloudEventsSourcePrefix);
	}

}
