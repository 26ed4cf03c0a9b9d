package dev.waybill.relay.capture;

import java.time.Instant;
import java.util.Map;

import dev.waybill.relay.RelaySettings;
import dev.waybill.relay.Source;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slot-retention warning that health and the log give from a source's last sample.
 */
class BacklogTests {

	private final Source source = RelaySettings.bind(Map.of()).sources().get(0);

	@Test
	void warnsOnlyWhenTheSlotKeepsMoreLogThanTheLimit() {
		DataSize limit = DataSize.ofMegabytes(1);

		assertThat(sampled(limit.toBytes()).retentionWarning(this.source, limit)).isNull();
		assertThat(sampled(limit.toBytes() + 1).retentionWarning(this.source, limit)).isNotNull();
	}

	@Test
	void theWarningNamesTheSlotTheSizeAndTheSetting() {
		assertThat(sampled(DataSize.ofMegabytes(3).toBytes()).retentionWarning(this.source, DataSize.ofMegabytes(1)))
			.isEqualTo("slot '" + this.source.slot() + "' keeps 3 MB of write-ahead log on the server, more than"
					+ " waybill.relay.slot-retention-warning (1 MB): the database's disk fills while the relay is behind");
	}

	@Test
	void aFailedSampleGivesNoWarning() {
		assertThat(
				Backlog.failed("connection refused", Instant.now()).retentionWarning(this.source, DataSize.ofBytes(0)))
			.isNull();
	}

	private static Backlog sampled(long retainedBytes) {
		return new Backlog(0L, retainedBytes, null, null, Instant.now());
	}

}
