package dev.waybill.outbox.jdbc;

import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.waybill.outbox.NoTransactionException;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Refuses to write unless a Spring transaction is active on the data source, so that no
 * event is ever written on its own connection in auto-commit mode.
 */
final class TransactionGuard {

	private final DataSource dataSource;

	TransactionGuard(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	// the action is described only when it is refused: a write in a transaction, the
	// usual case, should not pay for building a message nobody reads
	void requireTransaction(Supplier<String> action) {
		if (!TransactionSynchronizationManager.isActualTransactionActive() || !isBoundToDataSource()) {
			throw new NoTransactionException(action.get() + " needs an active transaction on its DataSource, "
					+ "so that it commits or rolls back with your business change: call it from a @Transactional "
					+ "method or inside TransactionTemplate.execute(...), using the transaction manager of that "
					+ "DataSource");
		}
		if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			throw new NoTransactionException(action.get()
					+ " was called in a read-only transaction: it writes, so use a read-write transaction");
		}
	}

	private boolean isBoundToDataSource() {
		// getResource unwraps infrastructure proxies, as DataSourceUtils does when it
		// hands out the transaction's connection to the JdbcTemplate.
		Object holder = TransactionSynchronizationManager.getResource(this.dataSource);
		return holder instanceof ConnectionHolder connectionHolder && connectionHolder.isSynchronizedWithTransaction();
	}

}
