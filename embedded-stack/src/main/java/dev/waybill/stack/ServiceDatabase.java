package dev.waybill.stack;

/**
 * A database owned by one service's role: the service connects as {@code user}. The
 * relay's role reaches {@link #ORDERS} and {@link #INVENTORY} with least privilege (see
 * {@link #RELAY_USER}); databases of tests' own are made for it as a member of the owner
 * ({@link EmbeddedStack#createDatabase(ServiceDatabase)}).
 *
 * @param name the database name
 * @param user the owning login role
 * @param password the role's password
 */
public record ServiceDatabase(String name, String user, String password) {

	/** The order-service database. */
	public static final ServiceDatabase ORDERS = new ServiceDatabase("orders", "orders", "orders");

	/** The inventory-service database. */
	public static final ServiceDatabase INVENTORY = new ServiceDatabase("inventory", "inventory", "inventory");

	/**
	 * The role the relay connects as: it may read the WAL ({@code REPLICATION}) and
	 * connect to {@link #ORDERS} and {@link #INVENTORY}, which no other service's role
	 * may, and is no member of their owners. What it holds there is what
	 * {@code dev/waybill/relay/relay-privileges.sql} of outbox-relay grants once the
	 * services created their outbox tables (the demo applies it before it starts the
	 * relay): {@code SELECT} and {@code UPDATE (published_at)} on the outbox table, the
	 * capture table, and nothing on the business tables. The publication is created by
	 * that script, as the owner's side.
	 */
	public static final String RELAY_USER = "relay";

	/** The relay role's password. */
	public static final String RELAY_PASSWORD = "relay";

}
