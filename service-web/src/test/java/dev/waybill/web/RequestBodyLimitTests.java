package dev.waybill.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyLimitTests {

	private final RequestBodyLimit limit = new RequestBodyLimit(10);

	// Records the request the filter passes on; stays null when the filter stops it.
	private final MockFilterChain chain = new MockFilterChain();

	@Test
	void passesABodyWithinTheLimit() throws Exception {
		MockHttpServletResponse response = filter("0123456789", false);
		assertThat(this.chain.getRequest()).isNotNull();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void rejectsADeclaredLengthOverTheLimitWithAProblem() throws Exception {
		MockHttpServletResponse response = filter("0123456789A", false);
		assertRejected(response);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("larger than 10 bytes");
	}

	@Test
	void rejectsAChunkedBodyOverTheLimit() throws Exception {
		assertRejected(filter("0123456789A", true));
	}

	@Test
	void passesAChunkedBodyWithinTheLimitWithItsBytesIntact() throws Exception {
		filter("01234", true);
		assertThat(this.chain.getRequest()).isNotNull();
		assertThat(this.chain.getRequest().getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8)
			.isEqualTo("01234");
		assertThat(this.chain.getRequest().getContentLength()).isEqualTo(5);
	}

	private MockHttpServletResponse filter(String body, boolean chunked) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.limit.doFilter(request(body, chunked), response, this.chain);
		return response;
	}

	private void assertRejected(MockHttpServletResponse response) {
		assertThat(this.chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(413);
	}

	private static MockHttpServletRequest request(String body, boolean chunked) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders") {

			@Override
			public long getContentLengthLong() {
				return chunked ? -1 : super.getContentLengthLong();
			}

		};
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		if (chunked) {
			request.addHeader("Transfer-Encoding", "chunked");
		}
		return request;
	}

}
