package dev.waybill.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem: Spring's standard exceptions and
 * {@link org.springframework.web.ErrorResponseException}s through the base class, plus
 * the failing fields of an invalid body under {@code errors}.
 */
@RestControllerAdvice
final class ProblemResponses extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setTitle("Invalid request");
		List<Map<String, Object>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.<String, Object>of("field", error.getField(), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setDetail(errors.size() + " invalid field(s): "
				+ errors.stream()
					.map((error) -> error.get("field") + " " + error.get("message"))
					.sorted()
					.reduce((a, b) -> a + "; " + b)
					.orElse(""));
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Unreadable request body");
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			problem.setDetail("Unknown field '" + unknown.getPropertyName() + "': unknown fields are rejected");
			problem.setProperty("errors", List.of(Map.of("field", path(unknown), "message", "unknown field")));
		}
		else if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
			problem.setDetail("Field '" + path(mapping) + "' has the wrong type or format");
			problem.setProperty("errors", List.of(Map.of("field", path(mapping), "message", "wrong type or format")));
		}
		else {
			problem.setDetail("The body is not valid JSON");
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> conflict(OptimisticLockingFailureException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The resource changed concurrently; read it again and retry");
		problem.setTitle("Concurrent change");
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
