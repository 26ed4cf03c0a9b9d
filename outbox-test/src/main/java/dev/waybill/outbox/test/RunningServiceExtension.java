package dev.waybill.outbox.test;

import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.waybill.stack.EmbeddedStack;
import dev.waybill.stack.EmbeddedStackExtension;

/**
 * A JUnit 5 extension that starts one {@link RunningService} for the whole test run, on
 * the run's shared embedded stack, and hands it to test constructors, lifecycle and test
 * methods that declare a parameter of that type.
 *
 * <p>
 * A service's context takes seconds to start, several times what most of its test classes
 * take to run, so the test classes of a run share one; it is stored in the root context
 * and stopped when the run ends. Sharing holds only while each test makes data of its own
 * (its own order ids, product SKUs, idempotency keys) and waits until the service has
 * consumed every record it sent, so that the next test sees no leftovers. Tests whose
 * point is a context's startup, shutdown or special properties start a service of their
 * own instead.
 *
 * <p>
 * Each service declares a subclass with a no-argument constructor, to name in
 * {@code @ExtendWith}; the subclass tells one service from another.
 */
public abstract class RunningServiceExtension implements ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(RunningServiceExtension.class);

	private final Function<EmbeddedStack, RunningService> start;

	/**
	 * @param start starts the service on a stack, such as
	 * {@code TestOrderServiceApplication::start}
	 */
	protected RunningServiceExtension(Function<EmbeddedStack, RunningService> start) {
		this.start = start;
	}

	@Override
	public final boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RunningService.class;
	}

	@Override
	public final Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		// The stack is stored first: the session's store closes in reverse order, so the
		// service stops while its database and broker are still up.
		EmbeddedStack stack = EmbeddedStackExtension.stack(extensionContext);
		return extensionContext.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
			.computeIfAbsent(getClass(), (key) -> this.start.apply(stack), RunningService.class);
	}

}
