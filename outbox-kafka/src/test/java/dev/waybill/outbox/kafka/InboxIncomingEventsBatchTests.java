package dev.waybill.outbox.kafka;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.waybill.contract.WireContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import dev.waybill.outbox.Inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a batch is cut into transactions, against a ledger that keeps what a transaction
 * wrote until it commits and drops it when it rolls back, as the database would; an
 * effect writing {@code fail} fails, and one writing {@code b} can be made a deadlock
 * victim.
 */
class InboxIncomingEventsBatchTests {

	private final Ledger ledger = new Ledger();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private long offset;

	private final EventHandlers handlers = EventHandlers.builder()
		.on("Noted", Note.class, (note) -> this.ledger.write(note.text()))
		.ignore("Ignored")
		.build();

	@Test
	void theRecordsOfAPollCommitInOneTransaction() {
		List<Delivery> deliveries = events(true).applyAll(records("a", "b", "c", "d"), this.handlers);

		assertThat(deliveries).containsOnly(Delivery.APPLIED).hasSize(4);
		assertThat(this.ledger.commits).isOne();
		assertThat(this.ledger.effects).containsExactly("a", "b", "c", "d");
		assertThat(this.meters.get(DeliveryOutcomes.BATCH_SIZE).summary().totalAmount()).isEqualTo(4);
	}

	@Test
	void theBatchPreparationSeesEveryPayloadOfTheTransactionBeforeAnyEffect() {
		List<List<String>> prepared = new ArrayList<>();
		EventHandlers preparing = EventHandlers.builder()
			.on("Noted", Note.class, (note) -> this.ledger.write(note.text()))
			.beforeBatch((payloads) -> {
				assertThat(this.ledger.pendingEffects).isEmpty();
				prepared.add(payloads.stream().map((payload) -> ((Note) payload).text()).toList());
			})
			.build();

		events(true).applyAll(records("a", "b", "c"), preparing);
		events(false).applyAll(records("d"), preparing);

		assertThat(prepared).containsExactly(List.of("a", "b", "c"));
	}

	@Test
	void withoutASharedTransactionEachRecordCommitsOnItsOwn() {
		events(false).applyAll(records("a", "b", "c"), this.handlers);

		assertThat(this.ledger.commits).isEqualTo(3);
		assertThat(this.ledger.effects).containsExactly("a", "b", "c");
	}

	@Test
	void aFailingEffectCommitsTheRecordsBeforeItAndNamesItToTheErrorHandler() {
		List<ConsumerRecord<String, String>> records = records("a", "b", "fail", "d");

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> events(true).applyAll(records, this.handlers))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(records.get(2)))
			.withRootCauseInstanceOf(TransientDataAccessResourceException.class);
		assertThat(this.ledger.effects).containsExactly("a", "b");
		assertThat(this.ledger.commits).isOne();
		assertThat(this.ledger.rollbacks).isOne();
		assertThat(this.meters.get(DeliveryOutcomes.BATCH_SPLITS).tag("reason", "failed-event").counter().count())
			.isOne();
	}

	@Test
	void aFailingEffectWithoutASharedTransactionLeavesTheRecordsBeforeItCommitted() {
		List<ConsumerRecord<String, String>> records = records("a", "fail", "c");

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> events(false).applyAll(records, this.handlers))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(records.get(1)));
		assertThat(this.ledger.effects).containsExactly("a");
	}

	@Test
	void aBatchThatLostALockConflictIsAppliedOneEventPerTransaction() {
		this.ledger.deadlocks = 1;

		List<Delivery> deliveries = events(true).applyAll(records("a", "b", "c"), this.handlers);

		assertThat(deliveries).containsOnly(Delivery.APPLIED).hasSize(3);
		assertThat(this.ledger.effects).containsExactly("a", "b", "c");
		assertThat(this.ledger.rollbacks).isOne();
		assertThat(this.ledger.commits).isEqualTo(3);
		assertThat(this.meters.get(DeliveryOutcomes.BATCH_SPLITS).tag("reason", "lock-conflict").counter().count())
			.isOne();
	}

	@Test
	void aPoisonRecordEndsTheBatchWhereItIsWithoutReachingTheDatabase() {
		List<ConsumerRecord<String, String>> records = records("a", "b", "c");
		records.set(1, record("Unknown", UUID.randomUUID(), "{}"));

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> events(true).applyAll(records, this.handlers))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(records.get(1)))
			.withCauseInstanceOf(PoisonRecordException.class);
		assertThat(this.ledger.effects).containsExactly("a");
		assertThat(this.ledger.rollbacks).isZero();
	}

	@Test
	void aPoisonRecordFirstInTheBatchCostsNoTransaction() {
		List<ConsumerRecord<String, String>> records = records("a", "b");
		records.set(0, record("Noted", UUID.randomUUID(), "{\"text\":\"\"}"));

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> events(true).applyAll(records, this.handlers))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(records.get(0)));
		assertThat(this.ledger.commits + this.ledger.rollbacks).isZero();
	}

	@Test
	void aFailedCommitNamesTheFirstRecordSoThatTheWholeBatchIsRetried() {
		List<ConsumerRecord<String, String>> records = records("a", "b", "c");
		this.ledger.refuseNextCommit = true;

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> events(true).applyAll(records, this.handlers))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(records.get(0)))
			.withCauseInstanceOf(TransactionSystemException.class);
		assertThat(this.ledger.effects).isEmpty();
	}

	@Test
	void anEventDeliveredTwiceInOneBatchIsAppliedOnceAndIgnoredTypesNotAtAll() {
		UUID id = UUID.randomUUID();
		List<ConsumerRecord<String, String>> records = List.of(record("Noted", id, "{\"text\":\"a\"}"),
				record("Ignored", UUID.randomUUID(), "{}"), record("Noted", id, "{\"text\":\"a\"}"));

		assertThat(events(true).applyAll(records, this.handlers)).containsExactly(Delivery.APPLIED, Delivery.IGNORED,
				Delivery.DUPLICATE);
		assertThat(this.ledger.effects).containsExactly("a");
	}

	@Test
	void anEmptyPollCostsNoTransaction() {
		assertThat(events(true).applyAll(List.of(), this.handlers)).isEmpty();
		assertThat(this.ledger.commits).isZero();
	}

	private InboxIncomingEvents events(boolean shared) {
		return new InboxIncomingEvents(this.ledger,
				new PayloadReader(JsonMapper.builder().build(),
						Validation.buildDefaultValidatorFactory().getValidator()),
				new TransactionTemplate(this.ledger), this.meters, shared);
	}

	private List<ConsumerRecord<String, String>> records(String... texts) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		for (String text : texts) {
			records.add(record("Noted", UUID.randomUUID(), "{\"text\":\"" + text + "\"}"));
		}
		return records;
	}

	private ConsumerRecord<String, String> record(String type, UUID id, String payload) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("notes", 0, this.offset++, "note-1", payload);
		record.headers().add(WireContract.HEADER_ID, id.toString().getBytes(StandardCharsets.UTF_8));
		record.headers().add(WireContract.HEADER_EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
		record.headers().add(WireContract.HEADER_AGGREGATE_VERSION, "1".getBytes(StandardCharsets.UTF_8));
		return record;
	}

	record Note(@NotBlank String text) {
	}

	/**
	 * The inbox and the transactions of an in-memory database: what a transaction writes
	 * is kept apart until it commits. An effect writing {@code fail} fails.
	 */
	private static final class Ledger implements PlatformTransactionManager, Inbox {

		private final Set<UUID> received = new HashSet<>();

		private final List<String> effects = new ArrayList<>();

		private final Set<UUID> pendingReceived = new HashSet<>();

		private final List<String> pendingEffects = new ArrayList<>();

		private int commits;

		private int rollbacks;

		private boolean refuseNextCommit;

		// how many more times the effect of "b" is to be a deadlock victim
		private int deadlocks;

		void write(String text) {
			if ("fail".equals(text)) {
				throw new TransientDataAccessResourceException("database hiccup");
			}
			if ("b".equals(text) && this.deadlocks > 0) {
				this.deadlocks--;
				throw new CannotAcquireLockException("deadlock detected",
						new SQLException("deadlock detected", "40P01"));
			}
			this.pendingEffects.add(text);
		}

		@Override
		public Receipt receive(UUID eventId, String eventType) {
			if (this.received.contains(eventId) || !this.pendingReceived.add(eventId)) {
				return Receipt.DUPLICATE;
			}
			return Receipt.FIRST;
		}

		@Override
		public TransactionStatus getTransaction(TransactionDefinition definition) {
			return new SimpleTransactionStatus();
		}

		@Override
		public void commit(TransactionStatus status) {
			if (this.refuseNextCommit) {
				this.refuseNextCommit = false;
				discard();
				throw new TransactionSystemException("commit refused");
			}
			this.received.addAll(this.pendingReceived);
			this.effects.addAll(this.pendingEffects);
			discard();
			this.commits++;
		}

		@Override
		public void rollback(TransactionStatus status) {
			discard();
			this.rollbacks++;
		}

		private void discard() {
			this.pendingReceived.clear();
			this.pendingEffects.clear();
		}

	}

}
