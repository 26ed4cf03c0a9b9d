package dev.waybill.demo.launch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BrokersTests {

	@Test
	void oneBrokerIsTheComponentKafka() {
		assertThat(Brokers.of(1)).isEqualTo(Brokers.SINGLE);
		assertThat(Brokers.SINGLE.names()).containsExactly("kafka");
		assertThat(Brokers.SINGLE.bootstrapServers(Ports.DEFAULTS)).isEqualTo("127.0.0.1:9092");
	}

	@Test
	void threeBrokersAreNumberedAndShareANewClusterId() {
		Brokers brokers = Brokers.of(3);
		assertThat(brokers.names()).containsExactly("kafka-1", "kafka-2", "kafka-3");
		assertThat(brokers.clusterId()).hasSize(22).isNotEqualTo(Brokers.of(3).clusterId());
		assertThat(brokers.bootstrapServers(Ports.DEFAULTS)).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
		assertThat(brokers.quorum(Ports.DEFAULTS)).isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
	}

	@Test
	void readsBackWhatItRecords() {
		Brokers brokers = Brokers.of(3);
		assertThat(Brokers.parse(brokers.record(), "brokers")).isEqualTo(brokers);
		assertThat(Brokers.parse(Brokers.SINGLE.record(), "brokers")).isEqualTo(Brokers.SINGLE);
	}

	@Test
	void runsOneOrThreeBrokersOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> Brokers.of(2))
			.withMessageContaining("--brokers must be 1 or 3")
			.withMessageContaining("got 2");
	}

	@Test
	void namesTheRecordWhenItDoesNotDescribeBrokers() {
		assertThatIllegalArgumentException().isThrownBy(() -> Brokers.parse("count=3\ncluster-id=mine\n", "run/x"))
			.withMessageContaining("run/x does not describe the brokers")
			.withMessageContaining("'mine'");
	}

}
