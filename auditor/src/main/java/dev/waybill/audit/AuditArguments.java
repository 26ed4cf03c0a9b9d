package dev.waybill.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line: {@code --name=value} or {@code --name value} options over the demo's
 * defaults, plus the {@code --json} and {@code --help} flags.
 */
record AuditArguments(AuditTarget target, Duration settle, boolean json, boolean help) {

	static final String USAGE = """
			Usage: java -jar auditor-<version>-exec.jar [options]
			Audits a Waybill system; the defaults are the demo's.
			  --orders-url URL                  order-service's database (jdbc:postgresql://127.0.0.1:5433/orders)
			  --orders-user NAME                its user (orders)
			  --orders-password TEXT            its password (orders)
			  --orders-password-file PATH       a file holding its password, instead of the command line
			  --inventory-url URL               inventory-service's database (jdbc:postgresql://127.0.0.1:5433/inventory)
			  --inventory-user NAME             its user (inventory)
			  --inventory-password TEXT         its password (inventory)
			  --inventory-password-file PATH    a file holding its password, instead of the command line
			  --bootstrap-servers HOSTS         Kafka (127.0.0.1:9092)
			  --topic-prefix PREFIX             the relay's topic prefix (outbox.event.)
			  --consumer-dead-letter-suffix S   consumers' dead-letter topics, not read (.dlt)
			  --relay-dead-letter-topic TOPIC   the relay's dead-letter topic (waybill.relay.dead-letter)
			  --max-pending-age AGE             e.g. 90s, 5m, 2h or PT5M (5m)
			  --kafka-timeout AGE               how long Kafka may take to list its topics, the audit's
			                                    first request to it, before the audit gives up (10s)
			  --settle AGE                      audit again every 2s until every check passes or AGE
			                                    has passed, for a system still draining (0s: audit once)
			  --json                            print the report as JSON
			  --help                            print this help
			Exit status: 0 all checks passed, 1 a check failed, 2 the audit could not run.
			""";

	private static final List<String> OPTIONS = List.of("orders-url", "orders-user", "orders-password",
			"orders-password-file", "inventory-url", "inventory-user", "inventory-password", "inventory-password-file",
			"bootstrap-servers", "topic-prefix", "consumer-dead-letter-suffix", "relay-dead-letter-topic",
			"max-pending-age", "kafka-timeout", "settle");

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

	/**
	 * @throws IllegalArgumentException with a message naming the offending argument
	 */
	static AuditArguments parse(String... args) {
		Map<String, String> values = new HashMap<>();
		boolean json = false;
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--json")) {
				json = true;
			}
			else if (arg.equals("--help") || arg.equals("-h")) {
				help = true;
			}
			else if (arg.startsWith("--") && OPTIONS.contains(name(arg))) {
				int equals = arg.indexOf('=');
				if (equals < 0 && i + 1 >= args.length) {
					throw new IllegalArgumentException("Option " + arg + " needs a value");
				}
				String value = (equals >= 0) ? arg.substring(equals + 1) : args[++i];
				if (values.put(name(arg), value) != null) {
					throw new IllegalArgumentException("Option --" + name(arg) + " is given twice");
				}
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'");
			}
		}
		return new AuditArguments(target(values), duration(values, "settle", Duration.ZERO), json, help);
	}

	private static String name(String arg) {
		int equals = arg.indexOf('=');
		return arg.substring(2, (equals >= 0) ? equals : arg.length());
	}

	private static AuditTarget target(Map<String, String> values) {
		AuditTarget demo = AuditTarget.demo();
		Database orders = new Database(values.getOrDefault("orders-url", demo.orders().jdbcUrl()),
				values.getOrDefault("orders-user", demo.orders().username()),
				password(values, "orders", demo.orders().password()));
		Database inventory = new Database(values.getOrDefault("inventory-url", demo.inventory().jdbcUrl()),
				values.getOrDefault("inventory-user", demo.inventory().username()),
				password(values, "inventory", demo.inventory().password()));
		return new AuditTarget(orders, inventory, values.getOrDefault("bootstrap-servers", demo.bootstrapServers()),
				values.getOrDefault("topic-prefix", demo.topicPrefix()),
				values.getOrDefault("consumer-dead-letter-suffix", demo.consumerDeadLetterSuffix()),
				values.getOrDefault("relay-dead-letter-topic", demo.relayDeadLetterTopic()),
				duration(values, "max-pending-age", demo.maxPendingAge()),
				duration(values, "kafka-timeout", demo.kafkaTimeout()));
	}

	// from a file, so that it is in no process listing; a trailing line break is not part
	// of it
	private static String password(Map<String, String> values, String database, String otherwise) {
		String file = values.get(database + "-password-file");
		if (file == null) {
			return values.getOrDefault(database + "-password", otherwise);
		}
		if (values.containsKey(database + "-password")) {
			throw new IllegalArgumentException(
					"Give --" + database + "-password or --" + database + "-password-file, not both");
		}
		try {
			return Files.readString(Path.of(file)).stripTrailing();
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read --" + database + "-password-file " + file + ": " + ex);
		}
	}

	private static Duration duration(Map<String, String> values, String option, Duration otherwise) {
		String text = values.get(option);
		return (text != null) ? duration("--" + option, text) : otherwise;
	}

	static Duration duration(String option, String text) {
		Matcher matcher = SHORT_DURATION.matcher(text.trim());
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					option + " '" + text + "' is not a duration such as 90s, 5m, 2h or PT5M");
		}
	}

}
