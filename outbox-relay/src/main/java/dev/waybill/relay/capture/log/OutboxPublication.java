package dev.waybill.relay.capture.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import dev.waybill.relay.capture.PreflightException;
import dev.waybill.relay.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The publication a source's slot decodes through: the outbox table alone, publishing
 * inserts only, so that PostgreSQL's walsender neither decodes for the relay nor sends it
 * the cleanup's deletes (or any update or truncate), which are not events.
 *
 * <p>
 * Debezium cannot create such a publication: its {@code filtered} mode creates
 * {@code FOR TABLE} with the default publish list, so the relay creates it before the
 * engine starts and the engine runs with {@code publication.autocreate.mode=disabled}. A
 * publication an earlier relay created with the default list is narrowed to inserts.
 * Anything that would change which rows are published (other tables, all tables, a row
 * filter or column list) stops startup instead: such a publication may serve someone
 * else, and what to publish is then the operator's decision.
 */
final class OutboxPublication {

	private static final Logger log = LoggerFactory.getLogger(OutboxPublication.class);

	private static final String INSERTS_ONLY = "(publish = 'insert')";

	private static final String PRIVILEGES_SCRIPT = "dev/waybill/relay/relay-privileges.sql";

	private static final String OUTBOX_TABLE = """
			SELECT format('%I.%I', n.nspname, c.relname) AS qualified_name, quote_ident(?) AS publication,
			       pg_get_userbyid(c.relowner) AS owner,
			       pg_has_role(c.relowner, 'USAGE') AND has_database_privilege(current_database(), 'CREATE') AS may_create
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.oid = ?::regclass
			""";

	private static final String EXISTING = """
			SELECT puballtables, pubinsert, pubinsert AND NOT (pubupdate OR pubdelete OR pubtruncate) AS inserts_only,
			       pg_get_userbyid(pubowner) AS owner, pg_has_role(pubowner, 'USAGE') AS may_alter
			FROM pg_publication
			WHERE pubname = ?
			""";

	private static final String PUBLISHED_TABLES = """
			SELECT format('%I.%I', schemaname, tablename) FROM pg_publication_tables
			WHERE pubname = ?
			ORDER BY 1
			""";

	// row filters and column lists exist since PostgreSQL 15
	private static final String SERVER_VERSION = """
			SELECT current_setting('server_version_num')::int
			""";

	private static final String FILTERS_ROWS = """
			SELECT EXISTS (SELECT r.prrelid FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid
			               WHERE p.pubname = ? AND r.prrelid = ?::regclass
			                 AND (r.prqual IS NOT NULL OR r.prattrs IS NOT NULL))
			""";

	private OutboxPublication() {
	}

	/**
	 * Creates the source's publication, or checks it and narrows it to inserts.
	 * @param source the source; its outbox table exists
	 * @param jdbc a connection to the source as the relay's role
	 * @throws PreflightException when the publication cannot be created or is not one the
	 * relay may use
	 */
	static void ensure(Source source, JdbcTemplate jdbc) {
		Outbox outbox = Objects
			.requireNonNull(jdbc.queryForObject(OUTBOX_TABLE, Outbox::read, source.publication(), source.table()));
		List<Existing> existing = jdbc.query(EXISTING, Existing::read, source.publication());
		if (existing.isEmpty()) {
			create(source, jdbc, outbox);
			return;
		}
		Existing publication = existing.get(0);
		requireOutboxAlone(source, jdbc, outbox, publication);
		if (!publication.insertsOnly()) {
			restrictToInserts(source, jdbc, outbox, publication);
		}
	}

	private static void create(Source source, JdbcTemplate jdbc, Outbox outbox) {
		String create = "CREATE PUBLICATION " + outbox.publication() + " FOR TABLE " + outbox.table() + " WITH "
				+ INSERTS_ONLY;
		if (!outbox.mayCreate()) {
			// ownership would also give the relay the owner's business tables, so the
			// owner creates it
			throw new PreflightException(prefix(source) + "role '" + source.username()
					+ "' may not create the publication, which needs CREATE on database '" + source.resolvedDatabase()
					+ "' and ownership of " + outbox.table() + " (owned by role '" + outbox.owner()
					+ "'): create it as the owner or a superuser, as " + PRIVILEGES_SCRIPT + " does: " + create);
		}
		jdbc.execute(create);
		log.info("Source '{}': created publication {} of {}, publishing inserts only", source.name(),
				outbox.publication(), outbox.table());
	}

	private static void requireOutboxAlone(Source source, JdbcTemplate jdbc, Outbox outbox, Existing publication) {
		String narrow = "ALTER PUBLICATION " + outbox.publication() + " SET TABLE " + outbox.table();
		if (publication.allTables()) {
			throw new PreflightException(prefix(source) + "it publishes all tables, but the relay reads its outbox"
					+ " table alone: give the source a publication-name of its own, or drop this publication so that"
					+ " the relay creates it");
		}
		List<String> tables = jdbc.queryForList(PUBLISHED_TABLES, String.class, source.publication());
		if (!tables.equals(List.of(outbox.table()))) {
			throw new PreflightException(prefix(source) + "it publishes " + tables + " instead of " + outbox.table()
					+ " alone: " + narrow + ", or give the source a publication-name of its own");
		}
		Integer version = jdbc.queryForObject(SERVER_VERSION, Integer.class);
		if (version != null && version >= 150000 && Boolean.TRUE
			.equals(jdbc.queryForObject(FILTERS_ROWS, Boolean.class, source.publication(), source.table()))) {
			throw new PreflightException(prefix(source) + "it has a row filter or column list on " + outbox.table()
					+ ", which would keep events or their columns from the relay: " + narrow);
		}
	}

	private static void restrictToInserts(Source source, JdbcTemplate jdbc, Outbox outbox, Existing publication) {
		String alter = "ALTER PUBLICATION " + outbox.publication() + " SET " + INSERTS_ONLY;
		if (publication.mayAlter()) {
			jdbc.execute(alter);
			log.info("Source '{}': publication {} published updates, deletes or truncates, which the relay drops;"
					+ " it now publishes inserts only", source.name(), outbox.publication());
		}
		else if (publication.publishesInserts()) {
			// correct, only wasteful: the engine skips what it need not have been sent
			log.warn(
					"Source '{}': publication {} also publishes updates, deletes or truncates, and role '{}' may"
							+ " not alter it: as its owner '{}', run {}",
					source.name(), outbox.publication(), source.username(), publication.owner(), alter);
		}
		else {
			throw new PreflightException(prefix(source) + "it does not publish inserts, and role '" + source.username()
					+ "' may not alter it: as its owner '" + publication.owner() + "', run " + alter);
		}
	}

	private static String prefix(Source source) {
		return "Source '" + source.name() + "': publication '" + source.publication() + "': ";
	}

	private record Outbox(String table, String publication, String owner, boolean mayCreate) {

		static Outbox read(ResultSet row, int rowNumber) throws SQLException {
			return new Outbox(row.getString("qualified_name"), row.getString("publication"), row.getString("owner"),
					row.getBoolean("may_create"));
		}

	}

	private record Existing(boolean allTables, boolean publishesInserts, boolean insertsOnly, String owner,
			boolean mayAlter) {

		static Existing read(ResultSet row, int rowNumber) throws SQLException {
			return new Existing(row.getBoolean("puballtables"), row.getBoolean("pubinsert"),
					row.getBoolean("inserts_only"), row.getString("owner"), row.getBoolean("may_alter"));
		}

	}

}
