package dev.waybill.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Auto-configuration of the problem responses and the request body limit. It runs before
 * Spring MVC's, so that Boot's own problem-details handler steps aside for this one.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceWebProperties.class)
final class ServiceWebAutoConfiguration {

	/**
	 * Every error as {@code application/problem+json}, with the failing fields.
	 * @return the exception handler
	 */
	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ResponseEntityExceptionHandler problemResponses() {
		return new ProblemResponses();
	}

	/**
	 * The body size limit, first in the filter chain.
	 * @param properties the limit
	 * @return the filter registration
	 */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ServiceWebProperties properties) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(properties.maxRequestBody().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
