package dev.waybill.inventory.product;

import java.util.Objects;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates products and sets their stock, each change with its {@code ProductStockChanged}
 * in one transaction.
 */
@Component
final class ProductCatalogue {

	private final JdbcStock stock;

	private final TransactionTemplate transactions;

	ProductCatalogue(JdbcStock stock, TransactionTemplate transactions) {
		this.stock = stock;
		this.transactions = transactions;
	}

	Product create(CreateProductRequest request) {
		return Objects.requireNonNull(this.transactions
			.execute((status) -> this.stock.create(request.sku(), request.name().strip(), request.stock())
				.orElseThrow(() -> ProductProblems.exists(request.sku()))));
	}

	Product adjust(String sku, StockAdjustment adjustment) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			Product current = this.stock.find(sku).orElseThrow(() -> ProductProblems.notFound(sku));
			return this.stock.setAvailable(sku, adjustment.available(), adjustment.version())
				.orElseThrow(() -> ProductProblems.staleVersion(current, adjustment.version()));
		}));
	}

	Product find(String sku) {
		return this.stock.find(sku).orElseThrow(() -> ProductProblems.notFound(sku));
	}

}
