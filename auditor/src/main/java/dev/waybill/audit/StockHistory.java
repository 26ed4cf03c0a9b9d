package dev.waybill.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.waybill.audit.KnownEvents.Event;
import dev.waybill.audit.SystemState.Product;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The stock states each product's {@code ProductStockChanged} events announced, by
 * version. Since every event carries the full state rather than a delta, consecutive
 * versions show what kind of change happened between them.
 */
final class StockHistory {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, NavigableMap<Long, State>> states = new TreeMap<>();

	private final List<Finding> unreadable = new ArrayList<>();

	private StockHistory() {
	}

	static StockHistory of(KnownEvents known) {
		StockHistory history = new StockHistory();
		for (Event event : known.ofAggregate("product")) {
			if (event.type().equals("ProductStockChanged")) {
				history.add(event);
			}
		}
		return history;
	}

	void check(Product product, Findings findings) {
		this.unreadable.stream()
			.filter((finding) -> finding.id().equals(product.sku()))
			.forEach((finding) -> findings.add("historyMismatch", finding.id(), finding.problem()));
		NavigableMap<Long, State> history = this.states.get(product.sku());
		if (history == null) {
			return;
		}
		checkSteps(product.sku(), history, findings);
		Map.Entry<Long, State> latest = history.lastEntry();
		State current = new State(product.available(), product.reserved());
		if (latest.getKey() != product.version()) {
			findings.add("historyMismatch", product.sku(),
					"the product is at v" + product.version() + " but its latest " + "ProductStockChanged is v"
							+ latest.getKey() + ": stock changed without its event");
		}
		else if (!latest.getValue().equals(current)) {
			findings.add("historyMismatch", product.sku(), "the product has " + current + " at v" + product.version()
					+ " but its ProductStockChanged v" + latest.getKey() + " announced " + latest.getValue());
		}
	}

	long unverified(Collection<Product> products) {
		return products.stream().filter((product) -> !this.states.containsKey(product.sku())).count();
	}

	private static void checkSteps(String sku, NavigableMap<Long, State> history, Findings findings) {
		State first = history.get(1L);
		if (first != null && first.reserved() != 0) {
			findings.add("historyMismatch", sku,
					"ProductStockChanged v1 (creation) has " + first.reserved() + " units reserved");
		}
		history.forEach((version, state) -> {
			State previous = history.get(version - 1);
			if (previous == null) {
				return;
			}
			long onHandChange = state.onHand() - previous.onHand();
			long reservedChange = (long) state.reserved() - previous.reserved();
			if (onHandChange != 0 && reservedChange != 0) {
				findings.add("historyMismatch", sku,
						"v" + (version - 1) + " to v" + version + " changed on hand by " + onHandChange
								+ " and reserved by " + reservedChange + ": neither a reservation nor an adjustment");
			}
		});
	}

	private void add(Event event) {
		try {
			JsonNode payload = JSON.readTree(String.valueOf(event.payload()));
			State state = new State(payload.required("available").asInt(), payload.required("reserved").asInt());
			State other = this.states.computeIfAbsent(event.aggregateId(), (sku) -> new TreeMap<>())
				.putIfAbsent(event.version(), state);
			if (other != null && !other.equals(state)) {
				this.unreadable.add(new Finding(event.aggregateId(), "two ProductStockChanged v" + event.version()
						+ " announce different stock: " + other + " and " + state));
			}
		}
		catch (tools.jackson.core.JacksonException | IllegalArgumentException ex) {
			this.unreadable.add(new Finding(event.aggregateId(),
					"ProductStockChanged " + event.id() + " has an unreadable payload: " + ex.getMessage()));
		}
	}

	record State(int available, int reserved) {

		long onHand() {
			return (long) this.available + this.reserved;
		}

		@Override
		public String toString() {
			return "available " + this.available + ", reserved " + this.reserved;
		}

	}

}
