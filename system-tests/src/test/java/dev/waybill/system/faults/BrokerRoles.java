package dev.waybill.system.faults;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;

/**
 * Which broker of a replicated cluster plays which part for the relay right now: the one
 * that leads most of its event partitions, the one that coordinates its transactions. The
 * broker faults aim at these, since they are the ones whose loss a transaction in flight
 * feels.
 */
final class BrokerRoles {

	private static final String EVENT_TOPICS = "outbox.event.";

	private static final String RELAY_TRANSACTIONS = "waybill-relay-";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String bootstrapServers;

	BrokerRoles(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * @return the node id of the broker that leads the most partitions of the outbox
	 * topics (consumers' dead-letter topics aside)
	 */
	int eventPartitionLeader() {
		return call((admin) -> {
			Set<String> topics = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			List<String> events = topics.stream().filter(BrokerRoles::isEventTopic).sorted().toList();
			Map<String, TopicDescription> descriptions = admin.describeTopics(events)
				.allTopicNames()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return mostFrequent(descriptions.values()
				.stream()
				.flatMap((description) -> description.partitions().stream())
				.filter((partition) -> partition.leader() != null)
				.map((partition) -> partition.leader().id())
				.toList(), "outbox topic partitions with a leader in " + events);
		});
	}

	/**
	 * @return the node id of the broker that coordinates most of the relay's
	 * transactional producers
	 */
	int relayTransactionCoordinator() {
		return call((admin) -> {
			List<String> ids = admin.listTransactions()
				.all()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
				.stream()
				.map(TransactionListing::transactionalId)
				.filter((id) -> id.startsWith(RELAY_TRANSACTIONS))
				.sorted()
				.toList();
			Collection<TransactionDescription> descriptions = admin.describeTransactions(ids)
				.all()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
				.values();
			return mostFrequent(descriptions.stream().map(TransactionDescription::coordinatorId).toList(),
					"coordinators of the relay's transactional ids " + ids);
		});
	}

	/**
	 * @param nodeId a broker
	 * @return how many partitions, Kafka's internal ones included, it leads
	 */
	long leaderships(int nodeId) {
		return call((admin) -> {
			Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
				.names()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return admin.describeTopics(topics)
				.allTopicNames()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
				.values()
				.stream()
				.flatMap((description) -> description.partitions().stream())
				.filter((partition) -> partition.leader() != null && partition.leader().id() == nodeId)
				.count();
		});
	}

	private static boolean isEventTopic(String topic) {
		return topic.startsWith(EVENT_TOPICS) && !topic.endsWith(".dlt");
	}

	private static int mostFrequent(List<Integer> ids, String what) {
		return ids.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
			.entrySet()
			.stream()
			.max(Map.Entry.<Integer, Long>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.map(Map.Entry::getKey)
			.orElseThrow(() -> new IllegalStateException("No broker found among the " + what));
	}

	private <T> T call(AdminCall<T> call) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
			return call.apply(admin);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The cluster at " + this.bootstrapServers + " did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface AdminCall<T> {

		T apply(Admin admin) throws ExecutionException, TimeoutException, InterruptedException;

	}

}
