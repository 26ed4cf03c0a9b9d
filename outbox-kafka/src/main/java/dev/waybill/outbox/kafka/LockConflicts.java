package dev.waybill.outbox.kafka;

import java.sql.SQLException;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Recognises a transaction that lost a conflict over locks to another one: a deadlock
 * victim, a serialization failure, a lock not granted in time. Such a failure says
 * nothing about the event being applied when it struck.
 */
final class LockConflicts {

	// SQLSTATE class 40, transaction rollback (40001 serialization failure, 40P01
	// deadlock), and 55P03, lock not available
	private static final String TRANSACTION_ROLLBACK = "40";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private LockConflicts() {
	}

	static boolean lost(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PessimisticLockingFailureException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith(TRANSACTION_ROLLBACK)
							|| LOCK_NOT_AVAILABLE.equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
