package dev.waybill.relay;

import dev.waybill.stack.EmbeddedStack;

/**
 * A relay role of a test's own holding what {@code relay-privileges.sql} grants and no
 * membership of the owner's role, or less on the outbox table, to see what the relay does
 * without it.
 *
 * @param name the role's name, and its password
 */
public record LeastPrivilegedRole(String name) {

	/** What the relay is granted on the outbox table: read, and mark published. */
	public static final String READ_AND_MARK = "SELECT, UPDATE (published_at)";

	/**
	 * Creates the role with its grants on the outbox and capture tables.
	 * @param stack the stack
	 * @param outbox the database
	 * @param attributes role attributes besides {@code LOGIN}, such as
	 * {@code REPLICATION}
	 * @param outboxPrivileges what the role is granted on {@code outbox_event}
	 * @return the role
	 */
	public static LeastPrivilegedRole create(EmbeddedStack stack, OutboxDatabase outbox, String attributes,
			String outboxPrivileges) {
		String name = outbox.name() + "_least";
		stack.postgres()
			.execute(outbox.name(), "CREATE ROLE " + name + " LOGIN " + attributes + " PASSWORD '" + name + "'",
					"GRANT CONNECT ON DATABASE " + outbox.name() + " TO " + name,
					"GRANT USAGE ON SCHEMA public TO " + name,
					"GRANT " + outboxPrivileges + " ON outbox_event TO " + name,
					"GRANT SELECT, INSERT, UPDATE, DELETE ON outbox_capture TO " + name);
		return new LeastPrivilegedRole(name);
	}

	/**
	 * @return the settings that make the relay's only source connect as this role
	 */
	public String[] sourceSettings() {
		return new String[] { "waybill.relay.sources[0].username=" + this.name,
				"waybill.relay.sources[0].password=" + this.name };
	}

}
