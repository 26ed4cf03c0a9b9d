package dev.waybill.relay.capture.log;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.waybill.relay.capture.PreflightException;
import dev.waybill.relay.OutboxDatabase;
import dev.waybill.relay.OutboxDatabase.Row;
import dev.waybill.relay.RelayProperties.LostSlot;
import dev.waybill.relay.Source;
import dev.waybill.relay.SourceSsl;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;
import dev.waybill.stack.ServiceDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The relay's publication against the embedded PostgreSQL, prepared as the relay's role
 * (a member of the database owner's role) unless a test says otherwise.
 */
@ExtendWith(EmbeddedStackExtension.class)
class OutboxPublicationIntegrationTests {

	private static final String OUTBOX = "public.outbox_event";

	// pgoutput's message kinds: B(egin), R(elation), I(nsert), D(elete), C(ommit)...
	private static final String SENT = """
			SELECT chr(get_byte(data, 0)) AS kind, count(*) AS messages
			FROM pg_logical_slot_peek_binary_changes(?::name, NULL, NULL, 'proto_version', '1', 'publication_names', ?::text)
			GROUP BY 1
			""";

	private static final Map<String, Object> INSERTS_ONLY = Map.of("pubinsert", true, "pubupdate", false, "pubdelete",
			false, "pubtruncate", false);

	private static EmbeddedStack stack;

	private static OutboxDatabase outbox;

	private static SingleConnectionDataSource relayConnection;

	private static JdbcTemplate relay;

	@BeforeAll
	static void createDatabase(EmbeddedStack embeddedStack) {
		stack = embeddedStack;
		outbox = OutboxDatabase.create(stack, "publication");
		relayConnection = connect(ServiceDatabase.RELAY_USER, ServiceDatabase.RELAY_PASSWORD);
		relay = new JdbcTemplate(relayConnection);
	}

	@AfterAll
	static void disconnect() {
		relayConnection.destroy();
	}

	@Test
	void createsAPublicationOfTheOutboxTableAloneThatPublishesInsertsOnly() {
		OutboxPublication.ensure(source("created"), relay);

		assertThat(outbox.publishedOperations("created")).containsExactlyInAnyOrderEntriesOf(INSERTS_ONLY);
		assertThat(outbox.publishedTables("created")).containsExactly(OUTBOX);
	}

	@Test
	void letsPostgresqlSendTheInsertsButNotTheDeletesOfRowsDeletedRightAfterTheirInsert() {
		OutboxPublication.ensure(source("sent"), relay);
		outbox.execute("CREATE PUBLICATION sent_by_default FOR TABLE " + OUTBOX);
		relay.execute("SELECT pg_create_logical_replication_slot('sent', 'pgoutput')");
		try {
			for (int i = 0; i < 10; i++) {
				outbox.commitDeletedRightAfterInsert(List.of(Row.of("cleanup", "c-" + i, 1)));
			}
			assertThat(sent("sent")).containsEntry('I', 10L).doesNotContainKeys('D', 'U', 'T');
			assertThat(sent("sent_by_default")).containsEntry('I', 10L).containsEntry('D', 10L);
		}
		finally {
			relay.execute("SELECT pg_drop_replication_slot('sent')");
		}
	}

	@Test
	void narrowsAPublicationThatAnEarlierRelayCreatedWithTheDefaultPublishList() {
		// as Debezium's publication.autocreate.mode=filtered creates it
		relay.execute("CREATE PUBLICATION earlier FOR TABLE \"public\".\"outbox_event\";");

		OutboxPublication.ensure(source("earlier"), relay);

		assertThat(outbox.publishedOperations("earlier")).containsExactlyInAnyOrderEntriesOf(INSERTS_ONLY);
		assertThat(outbox.publishedTables("earlier")).containsExactly(OUTBOX);
	}

	@Test
	void leavesAPublicationItMayNotAlterAsItIsWhenItPublishesInserts() {
		superuser("CREATE PUBLICATION foreign_all_operations FOR TABLE " + OUTBOX);

		OutboxPublication.ensure(source("foreign_all_operations"), relay);

		assertThat(outbox.publishedOperations("foreign_all_operations")).containsEntry("pubinsert", true)
			.containsEntry("pubdelete", true);
	}

	@Test
	void refusesAPublicationItMayNotAlterThatPublishesNoInserts() {
		superuser("CREATE PUBLICATION foreign_updates FOR TABLE " + OUTBOX + " WITH (publish = 'update')");

		assertThatExceptionOfType(PreflightException.class)
			.isThrownBy(() -> OutboxPublication.ensure(source("foreign_updates"), relay))
			.withMessageContaining("publication 'foreign_updates': it does not publish inserts")
			.withMessageContaining(
					"as its owner 'postgres', run ALTER PUBLICATION foreign_updates SET" + " (publish = 'insert')");
	}

	@Test
	void refusesAPublicationOfAllTables() {
		superuser("CREATE PUBLICATION every_table FOR ALL TABLES");

		assertThatExceptionOfType(PreflightException.class)
			.isThrownBy(() -> OutboxPublication.ensure(source("every_table"), relay))
			.withMessageContaining("publication 'every_table': it publishes all tables");
	}

	@Test
	void refusesAndLeavesAsItIsAPublicationOfOtherTables() {
		outbox.execute("CREATE TABLE shipment (id bigint PRIMARY KEY)",
				"CREATE PUBLICATION shipments FOR TABLE shipment, " + OUTBOX);

		assertThatExceptionOfType(PreflightException.class)
			.isThrownBy(() -> OutboxPublication.ensure(source("shipments"), relay))
			.withMessageContaining("it publishes [public.outbox_event, public.shipment] instead of "
					+ "public.outbox_event alone: ALTER PUBLICATION shipments SET TABLE public.outbox_event");
		assertThat(outbox.publishedTables("shipments")).hasSize(2);
		assertThat(outbox.publishedOperations("shipments")).containsEntry("pubdelete", true);
	}

	@Test
	void refusesAPublicationWithARowFilterThatWouldHoldEventsBack() {
		outbox.execute("CREATE PUBLICATION filtered FOR TABLE " + OUTBOX
				+ " WHERE (aggregatetype <> 'audit') WITH (publish = 'insert')");

		assertThatExceptionOfType(PreflightException.class)
			.isThrownBy(() -> OutboxPublication.ensure(source("filtered"), relay))
			.withMessageContaining("it has a row filter or column list on public.outbox_event");
	}

	@Test
	void quotesAPublicationNameThatIsAReservedWord() {
		OutboxPublication.ensure(source("user"), relay);

		assertThat(outbox.publishedOperations("user")).containsExactlyInAnyOrderEntriesOf(INSERTS_ONLY);
	}

	@Test
	void refusesToCreateThePublicationForARoleThatDoesNotOwnTheOutboxTable() {
		ServiceDatabase other = stack.createDatabase("stranger");
		SingleConnectionDataSource strangerConnection = connect(other.user(), other.password());
		try {
			assertThatExceptionOfType(PreflightException.class)
				.isThrownBy(() -> OutboxPublication.ensure(source("strangers", other.user()),
						new JdbcTemplate(strangerConnection)))
				.withMessageContaining("role '" + other.user() + "' may not create the publication")
				.withMessageContaining("(owned by role '" + outbox.database().user() + "')")
				.withMessageContaining(
						"CREATE PUBLICATION strangers FOR TABLE public.outbox_event" + " WITH (publish = 'insert')");
			assertThat(outbox.publishedOperations("strangers")).isEmpty();
		}
		finally {
			strangerConnection.destroy();
		}
	}

	private static Source source(String publication) {
		return source(publication, ServiceDatabase.RELAY_USER);
	}

	// the connection decides the role; the source's username only names it in messages
	private static Source source(String publication, String username) {
		return new Source("publication-test", null, "127.0.0.1", outbox.port(), outbox.name(), username, "", OUTBOX,
				null, publication, Map.of(), LostSlot.REFUSE, SourceSsl.NONE);
	}

	private static SingleConnectionDataSource connect(String user, String password) {
		return new SingleConnectionDataSource(stack.jdbcUrl(outbox.database()), user, password, true);
	}

	private static void superuser(String statement) {
		stack.postgres().execute(outbox.name(), statement);
	}

	private static Map<Character, Long> sent(String publication) {
		Map<Character, Long> messages = new HashMap<>();
		relay.query(SENT, (row) -> {
			messages.put(row.getString("kind").charAt(0), row.getLong("messages"));
		}, "sent", publication);
		return messages;
	}

}
