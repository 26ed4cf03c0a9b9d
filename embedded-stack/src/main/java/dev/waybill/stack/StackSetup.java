package dev.waybill.stack;

import java.util.Optional;

/**
 * The one-off steps of a secured stack, each run as a process of its own before or after
 * the servers start: {@code --setup=secrets} makes the key material and passwords before
 * any server needs them, so that servers starting side by side find them made;
 * {@code --setup=access} creates the Kafka users and ACLs once the brokers are up, before
 * any client starts.
 */
final class StackSetup {

	private StackSetup() {
	}

	static void run(String step, Optional<StackSecrets> secrets, StackSettings settings) {
		StackSecrets given = secrets
			.orElseThrow(() -> new IllegalArgumentException("--setup=" + step + " needs --secrets=DIR"));
		switch (step) {
			case "secrets" -> {
				StackSecrets.prepare(given.directory());
				System.out.println("secrets ready in " + given.directory().toAbsolutePath());
			}
			case "access" -> {
				try (KafkaAccess access = new KafkaAccess("127.0.0.1:" + settings.kafkaPort())) {
					StackPrincipals.grant(access, given);
				}
				System.out.println("Kafka users and ACLs granted: " + StackSecrets.users());
			}
			default -> throw new IllegalArgumentException("--setup takes secrets or access, got '" + step + "'");
		}
	}

}
