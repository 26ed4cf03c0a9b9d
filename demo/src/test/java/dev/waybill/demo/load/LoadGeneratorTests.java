package dev.waybill.demo.load;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LoadGeneratorTests {

	private static final URI ORDERS = URI.create("http://127.0.0.1:1");

	@Test
	void refusesAnEmptyCatalogue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LoadGenerator(ORDERS, "127.0.0.1:1", List.of()))
			.withMessageContaining("at least one");
	}

	@Test
	void refusesACatalogueThatNamesASkuTwice() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoadGenerator(ORDERS, "127.0.0.1:1", List.of("A", "B", "A")))
			.withMessageContaining("distinct");
	}

	@Test
	void acceptsACatalogueOfOneProduct() {
		assertThatNoException().isThrownBy(() -> new LoadGenerator(ORDERS, "127.0.0.1:1", List.of("A")));
	}

}
