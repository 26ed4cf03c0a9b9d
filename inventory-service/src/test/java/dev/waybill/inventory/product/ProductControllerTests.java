package dev.waybill.inventory.product;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;
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

	@ParameterizedTest(name = "{argumentSetName} is refused")
	@MethodSource
	void aBadRequestIsRefusedBeforeItReachesTheCatalogue(RequestBuilder request, ResultMatcher refusal)
			throws Exception {
		this.mvc.perform(request).andExpect(refusal);
		verifyNoInteractions(this.catalogue);
	}

	static Stream<Arguments> aBadRequestIsRefusedBeforeItReachesTheCatalogue() {
		return Stream.of(
				argumentSet("an invalid sku", create("{\"sku\":\"sku 1\",\"name\":\"W\",\"stock\":1}"),
						namesTheField("sku")),
				argumentSet("a negative stock", create("{\"sku\":\"SKU-1\",\"name\":\"W\",\"stock\":-1}"),
						namesTheField("stock")),
				argumentSet("an unknown field",
						create("{\"sku\":\"SKU-1\",\"name\":\"W\",\"stock\":1,\"colour\":\"red\"}"),
						namesTheField("colour")),
				argumentSet("an adjustment without a version",
						put("/products/SKU-1/stock").contentType(MediaType.APPLICATION_JSON)
							.content("{\"available\":3}"),
						namesTheField("version")),
				argumentSet("an oversized body",
						create("{\"sku\":\"SKU-1\",\"name\":\"" + "w".repeat(65 * 1024) + "\",\"stock\":1}"),
						status().isContentTooLarge()),
				argumentSet("a wrong content type",
						post("/products").contentType(MediaType.TEXT_PLAIN).content("SKU-1"),
						status().isUnsupportedMediaType()));
	}

	private static RequestBuilder create(String body) {
		return post("/products").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static ResultMatcher namesTheField(String field) {
		return (result) -> {
			status().isBadRequest().match(result);
			content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
			jsonPath("$.errors[0].field").value(field).match(result);
		};
	}

}
