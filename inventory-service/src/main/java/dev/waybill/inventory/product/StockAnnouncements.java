package dev.waybill.inventory.product;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.waybill.outbox.OutboxWriter;
import dev.waybill.outbox.OutgoingEvent;

/**
 * Announces each product a transaction changed once, with the state it commits: a batch
 * of orders that reserves the same product several times appends one
 * {@code ProductStockChanged} rather than one per change. The states in between were
 * never visible outside the transaction (it holds the product's row lock to its end), so
 * a product's version counts its committed states: the transaction's first change of a
 * product increments it, the later ones keep it, and the announced versions follow each
 * other without gaps. The events are appended just before the commit, in the transaction,
 * in the order the products first changed.
 */
final class StockAnnouncements {

	private final OutboxWriter outbox;

	StockAnnouncements(OutboxWriter outbox) {
		this.outbox = outbox;
	}

	/**
	 * How much a change of a product moves its version.
	 * @param sku the product
	 * @return 0 when the transaction changed the product already, 1 otherwise
	 */
	int versionStep(String sku) {
		Pending pending = pending();
		return (pending != null && pending.products.containsKey(sku)) ? 0 : 1;
	}

	/**
	 * Records a product's new state, to be announced before the transaction commits.
	 * @param product the product after a change
	 */
	void announce(Product product) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			// the outbox refuses this with the reason
			append(product);
			return;
		}
		Pending pending = pending();
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.products.put(product.sku(), product);
	}

	// the current transaction's changed products, if it changed any
	private @Nullable Pending pending() {
		return TransactionSynchronizationManager.isSynchronizationActive()
				? (Pending) TransactionSynchronizationManager.getResource(this) : null;
	}

	private void append(Product product) {
		this.outbox.append(new OutgoingEvent(JdbcStock.AGGREGATE, product.sku(), product.version(),
				ProductStockChanged.TYPE, ProductStockChanged.of(product)));
	}

	private final class Pending implements TransactionSynchronization {

		private final Map<String, Product> products = new LinkedHashMap<>();

		@Override
		public void beforeCommit(boolean readOnly) {
			this.products.values().forEach(StockAnnouncements.this::append);
			this.products.clear();
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(StockAnnouncements.this);
		}

	}

}
