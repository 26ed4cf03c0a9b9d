package dev.waybill.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.waybill.demo.launch.Capture;
import dev.waybill.demo.launch.CaptureRequest;
import dev.waybill.demo.launch.Instances;
import dev.waybill.demo.launch.Launcher;
import dev.waybill.demo.launch.Ports;
import dev.waybill.demo.load.LoadGenerator;
import dev.waybill.demo.load.LoadPlan;
import dev.waybill.demo.load.LoadReport;
import dev.waybill.demo.watch.TopicWatcher;

/**
 * The demo's command line; see {@link #USAGE}.
 */
public final class Demo {

	static final String USAGE = """
			usage: ./waybill [command]
			  up [--fresh] [--capture=log|polling] [--brokers=1|3] [--instances=N] [--secure]
			                        start everything (default command); Ctrl-C stops it all.
			                        --fresh: throw away the data of earlier runs first
			                        --capture: how the relay reads the outbox (default log,
			                        from the write-ahead log); kept data keeps the capture it
			                        was written under, and the other one is refused on it
			                        --brokers: 1 (default) or 3 Kafka brokers, each its own
			                        process: kafka-1, kafka-2, kafka-3, replication factor 3,
			                        min.insync.replicas 2; kept data keeps its brokers
			                        --instances: 1 (default) to 4 instances of each service
			                        and of the relay, each its own process and port:
			                        order-service-1, order-service-2...; the relays share
			                        the sources, one leading each while the others stand by
			                        --secure: TLS to PostgreSQL with a password per role,
			                        SCRAM-SHA-512 over TLS to Kafka with an ACL'd user each;
			                        keys and passwords made at the first start and kept with
			                        the data; kept data stays as it was unless asked
			                        (--secure=false goes back to plain connections)
			  status                show the capture and each component's process and health
			  stop [NAME]           stop everything, or one component
			  start NAME            start one component
			  restart NAME          stop and start one component
			  kill NAME             kill one component with SIGKILL, as a crash would
			  load [--orders=N] [--rate=R] [--concurrency=C] [--cancel-ratio=F]
			                        place orders and report how they ended
			  watch [--from-beginning]
			                        print the events on the outbox topics
			  audit [--settle=60s] [--json]
			                        check the running system's consistency (the auditor)
			  bootstrap-servers     print the Kafka bootstrap.servers value (every broker)
			components: postgres, kafka (kafka-1, kafka-2, kafka-3 with --brokers=3),
			  inventory-service, order-service, relay (inventory-service-1... relay-2 with
			  --instances=2)
			environment: WAYBILL_{POSTGRES,KAFKA,CONTROLLER,ORDER,INVENTORY,RELAY,KAFKA_SECURED}_PORT,
			  WAYBILL_HOME (the repository, default: here), WAYBILL_RUN_DIR (default: run);
			  broker n listens on WAYBILL_KAFKA_PORT + 2(n-1), its controller on
			  WAYBILL_CONTROLLER_PORT + 2(n-1): 9092/9094/9096 and 9093/9095/9097;
			  instance n of a service or relay listens on its port + 3(n-1): order-service
			  8081/8084, inventory-service 8082/8085, relay 8083/8086;
			  WAYBILL_RELAY_CAPTURE asks for a capture as --capture does; refused when it
			  contradicts it
			""";

	private Demo() {
	}

	/**
	 * Runs one command.
	 * @param args the command and its options
	 * @throws Exception when the command fails
	 */
	public static void main(String[] args) throws Exception {
		try {
			Options options = Options.parse(args);
			Ports ports = Ports.from(System.getenv());
			Path home = Path.of(System.getenv().getOrDefault("WAYBILL_HOME", "")).toAbsolutePath();
			Path runDirectory = home.resolve(System.getenv().getOrDefault("WAYBILL_RUN_DIR", "run"));
			Launcher launcher = new Launcher(home, runDirectory, ports, System.out);
			System.exit(run(options, launcher, ports));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println("error: " + ex.getMessage());
			System.exit(2);
		}
	}

	static int run(Options options, Launcher launcher, Ports ports) throws Exception {
		switch (options.command()) {
			case "up" -> up(launcher, ports, options, capture(options));
			case "status" -> {
				return launcher.status() ? 0 : 1;
			}
			case "stop" -> options.argument().ifPresentOrElse(launcher::stop, launcher::stopAll);
			case "start" -> launcher.start(options.requiredArgument(), capture(options));
			case "restart" -> launcher.restart(options.requiredArgument(), capture(options));
			case "kill" -> launcher.kill(options.requiredArgument());
			case "load" -> load(launcher, options);
			case "watch" -> watch(launcher.bootstrapServers(), options.flag("from-beginning"));
			case "bootstrap-servers" -> System.out.println(launcher.bootstrapServers());
			case "help" -> System.out.print(USAGE);
			default -> throw new IllegalArgumentException("Unknown command '" + options.command() + "'\n" + USAGE);
		}
		return 0;
	}

	// Only the commands that start components look at the capture, so a contradiction in
	// the environment does not stand in the way of status or stop.
	private static Optional<CaptureRequest> capture(Options options) {
		return CaptureRequest.of(options.value("capture"), System.getenv());
	}

	private static void up(Launcher launcher, Ports ports, Options options, Optional<CaptureRequest> capture)
			throws InterruptedException {
		boolean fresh = options.flag("fresh");
		OptionalInt brokers = options.brokers();
		// a refusal comes before the hook: a refused up must leave a running system alone
		Instances instances = new Instances(options.intValue("instances", 1));
		Optional<Boolean> secure = options.secure();
		Capture chosen = launcher.chooseCapture(capture, fresh);
		launcher.chooseBrokers(brokers, fresh);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nstopping...");
			launcher.stopAll();
		}, "demo-shutdown"));
		System.out.println("starting Waybill (logs and data under " + launcher.runDirectory() + ")");
		Duration took = launcher.up(fresh, capture, brokers, instances, secure);
		printWhereEverythingRuns(launcher, ports, instances, chosen, took);
		printSecuredConnections(launcher, ports);
		Thread.currentThread().join();
	}

	private static void printWhereEverythingRuns(Launcher launcher, Ports ports, Instances instances, Capture capture,
			Duration took) {
		System.out.printf("""

				all healthy in %.1f s
				  order-service      %s
				  inventory-service  %s
				  outbox-relay       %s   (%s capture)
				  kafka              %s
				  postgres           127.0.0.1:%d (databases orders, inventory)

				place an order:
				  curl -s -X POST http://127.0.0.1:%d/orders -H 'Content-Type: application/json' \\
				    -d '{"customerId":"c-42","lines":[{"sku":"SKU-1","quantity":2}]}'

				in another terminal: ./waybill status | ./waybill watch | ./waybill load --orders=200 --rate=50
				Ctrl-C stops everything.
				""", took.toMillis() / 1000.0, urls(instances, ports::order, ""), urls(instances, ports::inventory, ""),
				urls(instances, ports::relay, "/actuator/health"), capture.value(), launcher.bootstrapServers(),
				ports.postgres(), ports.order());
	}

	private static void printSecuredConnections(Launcher launcher, Ports ports) {
		List<String> lines = launcher.security().connectionLines(ports.postgres(), launcher.clientBootstrapServers());
		if (!lines.isEmpty()) {
			System.out.println("secured: TLS and a password per role; the keys and passwords are in "
					+ launcher.security().secrets().toAbsolutePath() + ", readable by you only");
			lines.forEach((line) -> System.out.println("  " + line));
			// librdkafka before 2.6.1 sends a SCRAM proof that Kafka 4 brokers reject
			System.out.println("  (kcat needs librdkafka 2.6.1 or later: older ones fail SCRAM against Kafka 4)");
		}
	}

	private static String urls(Instances instances, IntUnaryOperator port, String path) {
		return IntStream.rangeClosed(1, instances.count())
			.mapToObj((instance) -> "http://127.0.0.1:" + port.applyAsInt(instance) + path)
			.collect(Collectors.joining(" "));
	}

	private static void load(Launcher launcher, Options options) throws InterruptedException {
		LoadPlan plan = new LoadPlan(options.intValue("orders", 200), options.doubleValue("rate", 50),
				options.intValue("concurrency", 16), options.doubleValue("cancel-ratio", 0.1), Duration.ofSeconds(60));
		LoadReport report = new LoadGenerator(launcher.orderServices(), launcher.bootstrapServers()).run(plan,
				System.out);
		System.out.print(report.summary());
	}

	private static void watch(String bootstrapServers, boolean fromBeginning) {
		TopicWatcher watcher = new TopicWatcher(bootstrapServers);
		Runtime.getRuntime().addShutdownHook(new Thread(watcher::stop, "watch-shutdown"));
		System.out.println("watching " + TopicWatcher.TOPICS.pattern() + " (read_committed); Ctrl-C stops");
		watcher.watch(fromBeginning, System.out);
	}

	static List<String> components() {
		return List.of("postgres", "kafka (kafka-1, kafka-2, kafka-3 with three brokers)", "inventory-service",
				"order-service", "relay");
	}

}
