package dev.waybill.inventory.product;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
final class ProductController {

	private final ProductCatalogue catalogue;

	ProductController(ProductCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	@PostMapping(path = "/products", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Product> create(@Valid @RequestBody CreateProductRequest request) {
		Product product = this.catalogue.create(request);
		return ResponseEntity.created(URI.create("/products/" + product.sku())).body(product);
	}

	@PutMapping(path = "/products/{sku}/stock", consumes = MediaType.APPLICATION_JSON_VALUE)
	Product adjust(@PathVariable String sku, @Valid @RequestBody StockAdjustment adjustment) {
		return this.catalogue.adjust(sku, adjustment);
	}

	@GetMapping("/products/{sku}")
	Product find(@PathVariable String sku) {
		return this.catalogue.find(sku);
	}

}
