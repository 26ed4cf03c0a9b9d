package dev.waybill.inventory.product;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ProductController.class)
class ProductControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ProductCatalogue catalogue;

	@Test
	void anInvalidSkuNamesTheField() throws Exception {
		this.mvc
			.perform(post("/products").contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"sku 1\",\"name\":\"W\",\"stock\":1}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("sku"));
		verifyNoInteractions(this.catalogue);
	}

	@Test
	void aNegativeStockNamesTheField() throws Exception {
		this.mvc
			.perform(post("/products").contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"SKU-1\",\"name\":\"W\",\"stock\":-1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("stock"));
		verifyNoInteractions(this.catalogue);
	}

	@Test
	void anUnknownFieldIsRejected() throws Exception {
		this.mvc
			.perform(post("/products").contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"SKU-1\",\"name\":\"W\",\"stock\":1,\"colour\":\"red\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("colour"));
		verifyNoInteractions(this.catalogue);
	}

	@Test
	void anAdjustmentWithoutAVersionIsRejected() throws Exception {
		this.mvc
			.perform(put("/products/SKU-1/stock").contentType(MediaType.APPLICATION_JSON).content("{\"available\":3}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("version"));
		verifyNoInteractions(this.catalogue);
	}

	@Test
	void anOversizedBodyIsRejected() throws Exception {
		this.mvc
			.perform(post("/products").contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\":\"SKU-1\",\"name\":\"" + "w".repeat(65 * 1024) + "\",\"stock\":1}"))
			.andExpect(status().isContentTooLarge());
		verifyNoInteractions(this.catalogue);
	}

	@Test
	void aWrongContentTypeIsUnsupported() throws Exception {
		this.mvc.perform(post("/products").contentType(MediaType.TEXT_PLAIN).content("SKU-1"))
			.andExpect(status().isUnsupportedMediaType());
		verifyNoInteractions(this.catalogue);
	}

}
