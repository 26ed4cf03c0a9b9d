package dev.waybill.bench.writer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.waybill.bench.BenchmarkJvm;
import dev.waybill.contract.WireContract;
import dev.waybill.outbox.OutboxCleanup;
import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.PayloadMapper;
import dev.waybill.outbox.TraceparentSource;
import dev.waybill.outbox.jdbc.JdbcOutbox;
import dev.waybill.outbox.jdbc.WriterBeforeTypedBinding;
import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.ServiceDatabase;
import dev.waybill.stack.StackSettings;

/**
 * The writer's overhead, a command rather than a test: a service's business transaction
 * (one order row, through {@code TransactionTemplate} and {@code JdbcTemplate} on a
 * HikariCP pool) alone, with the outbox row inserted by hand ({@link InsertOnly}), with
 * one outbox append and with several, interleaved in rounds on the embedded stack's
 * PostgreSQL; then the protocol messages each variant sends. The writer is the library's,
 * built as its auto-configuration builds it, beside its append as it was before its
 * parameters were bound with typed setters ({@link WriterBeforeTypedBinding}). See
 * BENCHMARKS.md.
 */
public final class WriterOverheadBenchmark {

	private static final String USAGE = """
			arguments (all optional, key=value):
			  rounds=8       recorded rounds, after one unrecorded warm-up round
			  seconds=3      each contender's turn in a round
			  threads=1,4    closed-loop threads, each set of rounds once per value
			  appends=5      events per transaction in the several-appends contender""";

	private WriterOverheadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkJvm.requireDefaults();
		Arguments arguments = Arguments.parse(args, USAGE);
		System.out.printf("%s  writer overhead: %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), arguments);
		EmbeddedStack stack = new EmbeddedStack(StackSettings.ephemeral()).startPostgres();
		try {
			ServiceDatabase database = stack.createDatabase("writer");
			try (OrderTransactions orders = new OrderTransactions(stack.jdbcUrl(database), database.user(),
					database.password())) {
				orders.jdbc().execute(OrderTransactions.SCHEMA);
				orders.jdbc().execute(referenceSchema());
				run(orders, arguments);
			}
		}
		finally {
			stack.discard();
		}
	}

	private static void run(OrderTransactions orders, Arguments arguments) throws Exception {
		OutboxWriter writer = autoConfiguredWriter(orders);
		OutboxWriter before = new WriterBeforeTypedBinding(orders.dataSource(), PayloadMapper.libraryMapper(),
				TraceparentSource.none(), Clock.systemUTC(), WireContract.OUTBOX_TABLE);
		OutboxWriter insertOnly = new InsertOnly(orders.dataSource(), samplePayload());
		for (int threads : arguments.threads()) {
			List<Contender> contenders = contenders(writer, before, insertOnly, arguments.appends());
			Rounds rounds = new Rounds(orders, threads, arguments.nanosPerTurn());
			rounds.run(contenders, 0, false);
			for (int round = 0; round < arguments.rounds(); round++) {
				System.out.printf("%s  %d thread(s), round %d of %d%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
						threads, round + 1, arguments.rounds());
				rounds.run(contenders, round, true);
			}
			OverheadReport.printFigures(threads, contenders);
		}
		List<Contender> contenders = contenders(writer, before, insertOnly, arguments.appends());
		OverheadReport.printRoundTrips(orders, contenders);
	}

	private static List<Contender> contenders(OutboxWriter writer, OutboxWriter before, OutboxWriter insertOnly,
			int appends) {
		List<Contender> contenders = new ArrayList<>();
		contenders.add(new Contender("business row only", null, 1));
		contenders.add(new Contender("+ 1 outbox insert, no writer", insertOnly, 1));
		contenders.add(new Contender("+ 1 append", writer, 1));
		contenders.add(new Contender("+ 1 append, writer before", before, 1));
		contenders.add(new Contender("+ " + appends + " appends", writer, appends));
		contenders.add(new Contender("+ " + appends + " appends, writer before", before, appends));
		return contenders;
	}

	// the arguments OutboxAutoConfiguration passes with every setting at its default
	private static OutboxWriter autoConfiguredWriter(OrderTransactions orders) {
		return JdbcOutbox.writer(orders.dataSource(),
				PayloadMapper.LIBRARY.select(() -> null, "waybill.outbox.payload-mapper"), TraceparentSource.none(),
				Clock.systemUTC(), WireContract.OUTBOX_TABLE, OutboxCleanup.RETENTION);
	}

	private static String samplePayload() {
		return PayloadMapper.libraryMapper()
			.writeValueAsString(new OrderTransactions.OrderPlaced(UUID.randomUUID(), "customer-1", 7499,
					OrderTransactions.LINES, Instant.now()));
	}

	private static String referenceSchema() throws IOException {
		try (InputStream in = JdbcOutbox.class.getResourceAsStream("/dev/waybill/outbox/schema-postgresql.sql")) {
			if (in == null) {
				throw new IllegalStateException("outbox-core's reference schema is not on the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
