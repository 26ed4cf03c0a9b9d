package dev.waybill.audit;

import java.util.Map;
import java.util.TreeMap;

import dev.waybill.audit.SystemState.Product;

/**
 * Check 5, {@code replica-matches}: order-service's {@code product_replica} holds every
 * product of inventory-service's {@code product} table, and nothing else, with the same
 * name, available and reserved units and version.
 */
final class ReplicaCheck implements Check {

	static final String NAME = "replica-matches";

	@Override
	public CheckResult run(SystemState state) {
		Findings findings = new Findings("missing", "differing", "extra");
		Map<String, Product> replica = new TreeMap<>();
		state.orders().replica().forEach((product) -> replica.put(product.sku(), product));
		for (Product product : state.inventory().products()) {
			Product copy = replica.remove(product.sku());
			if (copy == null) {
				findings.add("missing", product.sku(), "missing from the replica; inventory has " + describe(product));
			}
			else if (!copy.equals(product)) {
				findings.add("differing", product.sku(),
						"replica has " + describe(copy) + ", inventory has " + describe(product));
			}
		}
		replica.values()
			.forEach((copy) -> findings.add("extra", copy.sku(),
					"in the replica (" + describe(copy) + ") but not in inventory"));
		findings.checked(state.inventory().products().size() + replica.size());
		findings.detail(state.inventory().products().size() + " products in inventory, "
				+ state.orders().replica().size() + " in the replica");
		return findings.result(NAME, "order-service's product replica equals inventory's stock and versions");
	}

	private static String describe(Product product) {
		return "'" + product.name() + "' available " + product.available() + ", reserved " + product.reserved() + ", v"
				+ product.version();
	}

}
