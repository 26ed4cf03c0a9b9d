package dev.waybill.relay.capture;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the offsets topic when it is missing: one partition, compacted, so that the
 * last offset per source is kept forever and read back quickly.
 */
final class OffsetsTopic {

	private static final long TIMEOUT_SECONDS = 30;

	private OffsetsTopic() {
	}

	static void ensure(String bootstrapServers, String topic) {
		NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(compacted)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new PreflightException("Cannot create the offsets topic '" + topic + "': "
						+ String.valueOf(ex.getCause()) + "; create it with cleanup.policy=compact", ex);
			}
		}
		catch (TimeoutException ex) {
			throw new PreflightException("Creating the offsets topic '" + topic + "' timed out", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PreflightException("Interrupted while creating the offsets topic '" + topic + "'", ex);
		}
	}

}
