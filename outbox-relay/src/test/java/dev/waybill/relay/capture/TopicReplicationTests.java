package dev.waybill.relay.capture;

import java.util.List;

import dev.waybill.relay.RelayProperties.ReplicationCheck;
import dev.waybill.relay.capture.TopicReplication.Topic;
import dev.waybill.relay.capture.TopicReplication.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicReplicationTests {

	private static final Topic SINGLE_OUTBOX = new Topic("outbox.event.order", 1, 1);

	private static final Topic SINGLE_OFFSETS = new Topic("waybill.relay.offsets", 1, 1);

	private static final Topic REPLICATED = new Topic("outbox.event.stock", 3, 2);

	@Test
	void refusesSingleReplicaTopicsOnAClusterOfSeveralBrokersNamingEachTopicAndTheFix() {
		Verdict verdict = TopicReplication.judge(3, List.of(SINGLE_OUTBOX, REPLICATED, SINGLE_OFFSETS),
				ReplicationCheck.REFUSE);

		assertThat(verdict.refusal()).isNotNull()
			.startsWith("Kafka has 3 brokers, but topics the relay writes in transactions have a single replica:"
					+ " 'outbox.event.order' (replication factor 1), 'waybill.relay.offsets' (replication factor 1).")
			.contains("KAFKA-20734")
			.contains("Raise each topic's replication factor to 3 with kafka-reassign-partitions and set its"
					+ " min.insync.replicas=2")
			.contains("default.replication.factor=3")
			.endsWith("or set waybill.relay.replication-check=WARN to start anyway")
			.doesNotContain("outbox.event.stock");
		assertThat(verdict.warnings()).isEmpty();
	}

	@Test
	void logsTheSameMessageAndStartsWhenTheSettingSaysWarn() {
		Verdict verdict = TopicReplication.judge(3, List.of(SINGLE_OUTBOX), ReplicationCheck.WARN);

		assertThat(verdict.refusal()).isNull();
		assertThat(verdict.warnings()).singleElement()
			.asString()
			.startsWith("Kafka has 3 brokers, but topics the relay writes in transactions have a single replica:"
					+ " 'outbox.event.order' (replication factor 1).")
			.contains("KAFKA-20734")
			.endsWith("starting anyway, as waybill.relay.replication-check=WARN");
	}

	@Test
	void asksTwoBrokersForTwoReplicasWithoutRaisingMinInsyncReplicas() {
		Verdict verdict = TopicReplication.judge(2, List.of(SINGLE_OUTBOX), ReplicationCheck.REFUSE);

		assertThat(verdict.refusal()).isNotNull()
			.contains("Kafka has 2 brokers")
			.contains("replication factor to 2 with kafka-reassign-partitions,")
			.doesNotContain("min.insync.replicas=2");
	}

	@Test
	void refusesNothingOnASingleBrokerAndSaysInOneLineThatItsStopIsExposed() {
		Verdict verdict = TopicReplication.judge(1, List.of(SINGLE_OUTBOX, SINGLE_OFFSETS), ReplicationCheck.REFUSE);

		assertThat(verdict.refusal()).isNull();
		assertThat(verdict.warnings()).singleElement()
			.asString()
			.startsWith("Kafka has a single broker")
			.contains("KAFKA-20734")
			.doesNotContain("\n");
	}

	@Test
	void acceptsTopicsReplicatedThreeTimesWithTwoInSyncReplicasRequired() {
		Verdict verdict = TopicReplication.judge(3, List.of(REPLICATED, new Topic("waybill.relay.offsets", 3, 2)),
				ReplicationCheck.REFUSE);

		assertThat(verdict.refusal()).isNull();
		assertThat(verdict.warnings()).isEmpty();
	}

	@Test
	void acceptsTwoReplicasOnTwoBrokers() {
		Verdict verdict = TopicReplication.judge(2, List.of(new Topic("outbox.event.order", 2, 1)),
				ReplicationCheck.REFUSE);

		assertThat(verdict.refusal()).isNull();
		assertThat(verdict.warnings()).isEmpty();
	}

	@Test
	void onlyWarnsAboutReplicatedTopicsThatAcceptWritesToOneInSyncReplica() {
		Verdict verdict = TopicReplication.judge(3, List.of(new Topic("outbox.event.order", 3, 1), REPLICATED),
				ReplicationCheck.REFUSE);

		assertThat(verdict.refusal()).isNull();
		assertThat(verdict.warnings()).singleElement()
			.asString()
			.contains("'outbox.event.order' (replication factor 3, min.insync.replicas 1)")
			.contains("KAFKA-20734")
			.contains("min.insync.replicas=2")
			.doesNotContain("outbox.event.stock");
	}

}
