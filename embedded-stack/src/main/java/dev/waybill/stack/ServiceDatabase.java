package dev.waybill.stack;

/**
 * A database owned by one service's role: the service connects as {@code user}, and only
 * that role (and the relay, through membership) can touch its tables.
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
	 * The role the relay connects as: it may read the WAL ({@code REPLICATION}) and is a
	 * member of each service role, so it may create a publication on their outbox tables.
	 */
	public static final String RELAY_USER = "relay";

	/** The relay role's password. */
	public static final String RELAY_PASSWORD = "relay";

}
