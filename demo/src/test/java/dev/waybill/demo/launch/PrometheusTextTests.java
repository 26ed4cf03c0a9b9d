package dev.waybill.demo.launch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrometheusTextTests {

	private static final String SCRAPE = """
			# HELP waybill_inbox_deliveries_total Deliveries
			# TYPE waybill_inbox_deliveries_total counter
			waybill_inbox_deliveries_total{outcome="applied",type="OrderPlaced"} 7.0
			waybill_inbox_deliveries_total{outcome="duplicate",type="OrderPlaced"} 2.0
			waybill_inbox_deliveries_total{outcome="duplicate",type="OrderCancelled"} 1.0
			kafka_consumer_coordinator_assigned_partitions{client_id="a,b",note="say \\"hi\\""} 3.0
			process_uptime_seconds 12.5 1700000000000
			""";

	@Test
	void addsUpTheSamplesOfAMetricWithTheLabelsAsked() {
		PrometheusText text = PrometheusText.parse(SCRAPE);

		assertThat(text.sum("waybill_inbox_deliveries_total")).isEqualTo(10.0);
		assertThat(text.sum("waybill_inbox_deliveries_total", "outcome:duplicate")).isEqualTo(3.0);
		assertThat(text.sum("waybill_inbox_deliveries_total", "outcome:duplicate", "type:OrderCancelled"))
			.isEqualTo(1.0);
		assertThat(text.sum("kafka_consumer_coordinator_assigned_partitions", "note:say \"hi\"")).isEqualTo(3.0);
		assertThat(text.sum("process_uptime_seconds")).isEqualTo(12.5);
	}

	@Test
	void aMetricOrLabelNotThereAddsUpToZero() {
		PrometheusText text = PrometheusText.parse(SCRAPE);

		assertThat(text.sum("waybill_relay_leadership_lost_total")).isZero();
		assertThat(text.sum("waybill_inbox_deliveries_total", "outcome:failed")).isZero();
		assertThat(text.has("waybill_")).isTrue();
		assertThat(text.has("jvm_")).isFalse();
	}

	@Test
	void refusesWhatIsNotASample() {
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("<html>"))
			.withMessageContaining("<html>");
	}

}
