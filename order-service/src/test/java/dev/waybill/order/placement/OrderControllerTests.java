package dev.waybill.order.placement;

import java.util.stream.Stream;

import dev.waybill.order.OrderProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// the controller's reads need Orders; these tests only send what it must refuse
@WebMvcTest(OrderController.class)
@MockitoBean(types = Orders.class)
class OrderControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private OrderPlacement placement;

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.waybill.order.placement.BadOrderRequests#all")
	void aBadRequestIsAProblemAndNeverReachesThePlacement(String description, String contentType, String body,
			int status) throws Exception {
		this.mvc.perform(post("/orders").contentType(contentType).content(body))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.placement);
	}

	@ParameterizedTest(name = "{argumentSetName} names {1}")
	@MethodSource
	void aBodyThatBreaksARuleNamesTheFieldAndSaysWhy(String body, String field, ResultMatcher why) throws Exception {
		this.mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(why);
	}

	static Stream<Arguments> aBodyThatBreaksARuleNamesTheFieldAndSaysWhy() {
		return Stream.of(
				argumentSet("a zero quantity",
						"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":0}]}", "lines[0].quantity",
						jsonPath("$.errors[0].message").value("must be greater than or equal to 1")),
				argumentSet("a duplicate sku",
						"{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1},"
								+ "{\"sku\":\"SKU-1\",\"quantity\":1}]}",
						"lines", jsonPath("$.errors[0].message").value("must not name a sku twice")),
				// an unknown field stops the body being read at all, so the problem's
				// detail is what says why
				argumentSet("an unknown field",
						"{\"customerId\":\"c-1\",\"coupon\":\"X\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}",
						"coupon", jsonPath("$.detail").value("Unknown field 'coupon': unknown fields are rejected")));
	}

	@Test
	void aMalformedIdempotencyKeyIsRejected() throws Exception {
		this.mvc
			.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "k".repeat(256))
				.content("{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}"))
			.andExpect(status().isBadRequest());
		verifyNoInteractions(this.placement);
	}

	@Test
	void anOrderIdThatIsNotAUuidIsABadRequest() throws Exception {
		this.mvc.perform(get("/orders/not-a-uuid"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OrderProperties.class)
	static class Properties {

	}

}
