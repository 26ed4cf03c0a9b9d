package dev.waybill.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyLimitTests {

	private final RequestBodyLimit limit = new RequestBodyLimit(10);

	@Test
	void passesABodyWithinTheLimit() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.limit.doFilter(request("0123456789", false), response, chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void rejectsADeclaredLengthOverTheLimitWithAProblem() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.limit.doFilter(request("0123456789A", false), response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("larger than 10 bytes");
	}

	@Test
	void rejectsAChunkedBodyOverTheLimit() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.limit.doFilter(request("0123456789A", true), response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(413);
	}

	@Test
	void passesAChunkedBodyWithinTheLimitWithItsBytesIntact() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.limit.doFilter(request("01234", true), new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(chain.getRequest().getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8)
			.isEqualTo("01234");
		assertThat(chain.getRequest().getContentLength()).isEqualTo(5);
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
