package dev.waybill.demo.launch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ComponentsTests {

	private final Components components = new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS,
			Capture.LOG);

	@Test
	void startsTheStackBeforeTheServicesAndTheRelayLast() {
		assertThat(this.components.all()).extracting(Component::name)
			.containsExactly("postgres", "kafka", "inventory-service", "order-service", "relay");
	}

	@Test
	void configuresTheRelayWithBothSourceDatabases() {
		assertThat(this.components.named("relay").environment())
			.containsEntry("WAYBILL_RELAY_SOURCES_0_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/orders")
			.containsEntry("WAYBILL_RELAY_SOURCES_1_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/inventory");
	}

	@Test
	void setsLogCaptureOnTheRelayByDefault() {
		assertThat(this.components.named("relay").environment()).containsEntry("WAYBILL_RELAY_CAPTURE", "LOG");
	}

	@Test
	void setsPollingCaptureOnTheRelayOnlySinceTheServicesReadItFromTheirDatabases() {
		Components polling = new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS, Capture.POLLING);
		assertThat(polling.named("relay").environment()).containsEntry("WAYBILL_RELAY_CAPTURE", "POLLING");
		assertThat(polling.named("order-service").environment()).doesNotContainKey("WAYBILL_OUTBOX_CAPTURE");
		assertThat(polling.named("postgres").environment()).isEmpty();
	}

	@Test
	void namesAnUnknownComponentAndListsTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.components.named("zookeeper"))
			.withMessageContaining("zookeeper")
			.withMessageContaining("order-service");
	}

	@Test
	void refusesToStartAComponentWhoseJarWasNotBuiltAndSaysHowToBuildIt() {
		Supervisor supervisor = new Supervisor(Path.of("/tmp/waybill-demo-tests"), new Health());
		assertThatIllegalStateException().isThrownBy(() -> supervisor.start(this.components.named("relay")))
			.withMessageContaining("mvn -B -DskipTests package");
	}

	@Test
	void runsThreeBrokersAsThreeComponentsBesidePostgres() {
		Components cluster = threeBrokers();
		assertThat(cluster.stages().get(0)).extracting(Component::name)
			.containsExactly("postgres", "kafka-1", "kafka-2", "kafka-3");
		assertThat(cluster.all()).extracting(Component::name)
			.containsExactly("postgres", "kafka-1", "kafka-2", "kafka-3", "inventory-service", "order-service",
					"relay");
		assertThat(cluster.brokers()).extracting(Component::port).containsExactly(9092, 9094, 9096);
	}

	@Test
	void startsEachBrokerAsOneNodeOfTheQuorumWithTheClusterId() {
		Brokers brokers = Brokers.of(3);
		Component second = new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS, Capture.LOG, brokers)
			.named("kafka-2");
		assertThat(second.command()).contains("--servers=kafka", "--node-id=2", "--kafka-port=9094",
				"--controller-port=9095", "--quorum=1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097",
				"--cluster-id=" + brokers.clusterId(), "--dir=/run/stack");
	}

	@Test
	void givesTheServicesAndTheRelayEveryBroker() {
		Components cluster = threeBrokers();
		String all = "127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096";
		assertThat(cluster.bootstrapServers()).isEqualTo(all);
		assertThat(cluster.named("relay").environment()).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", all);
		assertThat(cluster.named("order-service").environment()).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", all);
		assertThat(this.components.named("inventory-service").environment())
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
	}

	@Test
	void startsTheSingleBrokerAsBefore() {
		assertThat(this.components.named("kafka").command())
			.contains("--servers=kafka", "--kafka-port=9092", "--controller-port=9093")
			.noneMatch((argument) -> argument.startsWith("--node-id") || argument.startsWith("--quorum"));
	}

	@Test
	void runsEachServiceAndTheRelayAsTwoInstancesEachOnItsOwnPort() {
		Components two = new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS, Capture.LOG,
				Brokers.SINGLE, new Instances(2));
		assertThat(two.stages().get(1)).extracting(Component::name)
			.containsExactly("inventory-service-1", "inventory-service-2", "order-service-1", "order-service-2");
		assertThat(two.relays()).extracting(Component::name).containsExactly("relay-1", "relay-2");
		assertThat(two.all()).extracting(Component::port)
			.containsExactly(5433, 9092, 8082, 8085, 8081, 8084, 8083, 8086);
		assertThat(two.named("order-service-2").environment()).containsEntry("SERVER_PORT", "8084")
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5433/orders");
		assertThat(two.named("relay-2").environment()).containsEntry("SERVER_PORT", "8086")
			.containsEntry("WAYBILL_RELAY_SOURCES_0_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/orders");
		assertThat(two.named("relay-2").health()).hasToString("http://127.0.0.1:8086/actuator/health");
		assertThat(two.named("order-service-2").command())
			.anyMatch((argument) -> argument.endsWith("/order-service/target/order-service-exec.jar"));
		assertThat(two.named("relay-2").command())
			.anyMatch((argument) -> argument.endsWith("/outbox-relay/target/outbox-relay-exec.jar"));
	}

	@Test
	void givesEveryInstanceTheSameSettingsButItsPort() {
		Components two = new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS, Capture.LOG,
				Brokers.SINGLE, new Instances(2));
		Map<String, String> first = new HashMap<>(two.named("relay-1").environment());
		Map<String, String> second = new HashMap<>(two.named("relay-2").environment());
		first.remove("SERVER_PORT");
		second.remove("SERVER_PORT");
		assertThat(second).isEqualTo(first);
	}

	private static Components threeBrokers() {
		return new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS, Capture.LOG, Brokers.of(3));
	}

	@Test
	void securedTheServersTakeTheSecretsAndEveryBrokerASecuredListener() {
		Components secured = secured(Brokers.of(3));
		assertThat(secured.named("postgres").command()).contains("--secrets=/run/stack/secrets");
		assertThat(secured.named("kafka-2").command()).contains("--secrets=/run/stack/secrets", "--sasl-ssl-port=9194");
		assertThat(secured.clientBootstrapServers()).isEqualTo("127.0.0.1:9192,127.0.0.1:9194,127.0.0.1:9196");
		assertThat(secured.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
		assertThat(secured.setup("access")).contains("--setup=access", "--kafka-port=9092",
				"--secrets=/run/stack/secrets");
	}

	@Test
	void securedEachComponentIsItsOwnUserWhosePasswordComesFromItsOwnConfigTreeNeverItsEnvironment() {
		Components secured = secured(Brokers.SINGLE);
		Map<String, String> orders = secured.named("order-service").environment();
		assertThat(orders).containsEntry("SPRING_CONFIG_IMPORT", "configtree:/run/stack/secrets/users/orders/")
			.containsEntry("SPRING_DATASOURCE_PASSWORD", "${password}")
			.containsEntry("SPRING_DATASOURCE_URL",
					"jdbc:postgresql://127.0.0.1:5433/orders?sslmode=verify-full&sslrootcert=/run/stack/secrets/tls/ca.crt")
			.containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9192")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_KAFKA_TRUSTSTORE_CERTIFICATE", "file:/run/stack/secrets/tls/ca.crt");
		assertThat(orders.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).contains("username=\"orders\"")
			.contains("password=\"${password}\"");
		Map<String, String> relay = secured.named("relay").environment();
		assertThat(relay).containsEntry("SPRING_CONFIG_IMPORT", "configtree:/run/stack/secrets/users/relay/")
			.containsEntry("WAYBILL_RELAY_SOURCES_1_PASSWORD", "${password}")
			.containsEntry("WAYBILL_RELAY_SOURCES_1_SSL_MODE", "VERIFY_FULL")
			.containsEntry("WAYBILL_RELAY_SOURCES_1_SSL_ROOT_CERT", "/run/stack/secrets/tls/ca.crt");
	}

	private static Components secured(Brokers brokers) {
		return new Components(Path.of("/nowhere"), Path.of("/run"), Ports.DEFAULTS, Capture.LOG, brokers,
				Instances.SINGLE, new Security(true, Path.of("/run/stack/secrets")));
	}

}
