package dev.waybill.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WireContractTests {

	@Test
	void acceptsATableNameWithOrWithoutItsSchema() {
		assertThat(WireContract.isTableName("outbox_event")).isTrue();
		assertThat(WireContract.isTableName("public.outbox_event")).isTrue();
		assertThat(WireContract.isTableName("_t" + "x".repeat(61))).isTrue();
	}

	@Test
	void refusesATableNameThatIsNotAPlainIdentifier() {
		assertThat(WireContract.isTableName("outbox; DROP TABLE orders")).isFalse();
		assertThat(WireContract.isTableName("\"Quoted\"")).isFalse();
		assertThat(WireContract.isTableName("1table")).isFalse();
		assertThat(WireContract.isTableName("a.b.c")).isFalse();
		assertThat(WireContract.isTableName("t" + "x".repeat(63))).isFalse();
		assertThat(WireContract.isTableName("")).isFalse();
	}

	@Test
	void namesTheRefusedTableNameAndTheRuleItBreaks() {
		assertThat(WireContract.requireTableName("sales.outbox_event")).isEqualTo("sales.outbox_event");
		assertThatIllegalArgumentException().isThrownBy(() -> WireContract.requireTableName("outbox_event; --"))
			.withMessageStartingWith("'outbox_event; --' is not a valid table name: use letters, digits");
	}

	@Test
	void keepsTheCaptureTableInTheOutboxTablesSchema() {
		assertThat(WireContract.captureTableBeside("sales.outbox_event")).isEqualTo("sales.outbox_capture");
		assertThat(WireContract.captureTableBeside("outbox_event")).isEqualTo("outbox_capture");
	}

	@Test
	void namesAnAggregateTypesTopicWithTheDefaultPrefix() {
		assertThat(WireContract.topic("order")).isEqualTo("outbox.event.order");
	}

}
