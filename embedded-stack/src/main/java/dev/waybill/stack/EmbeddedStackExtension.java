package dev.waybill.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that starts one {@link EmbeddedStack} per test JVM and hands it to
 * test constructors, lifecycle and test methods that declare a parameter of that type.
 *
 * <p>
 * The stack is started on first use, stored in the launcher session and closed when the
 * session ends: every test class the JVM runs shares it, also where the build tool runs
 * each class as an execution request of its own. Tests that stop or restart a server
 * should start a {@link PostgresServer} or {@link KafkaBroker} of their own rather than
 * disturb the shared one, and tests that stop a broker with transactions in flight a
 * replicated {@link KafkaCluster}.
 */
public final class EmbeddedStackExtension implements ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedStackExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedStack.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return stack(extensionContext);
	}

	/**
	 * Returns the test JVM's shared stack, starting it on first use.
	 * @param context any extension context of the run
	 * @return the started stack
	 */
	public static EmbeddedStack stack(ExtensionContext context) {
		// the launcher session's store, not the root context's: a test JVM that runs its
		// classes one request each (Failsafe with several forks) would otherwise start a
		// stack per class
		return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
			.computeIfAbsent(SharedStack.class, (key) -> new SharedStack(), SharedStack.class)
			.stack();
	}

	private static final class SharedStack implements AutoCloseable {

		private static final int ATTEMPTS = 3;

		private final EmbeddedStack stack = startOnFreePorts();

		EmbeddedStack stack() {
			return this.stack;
		}

		@Override
		public void close() {
			this.stack.discard();
		}

		// A port found free can be taken by another build before the server binds it; new
		// ports are the cure, so a failed start is retried on fresh ones.
		private static EmbeddedStack startOnFreePorts() {
			RuntimeException failure = new IllegalStateException("The embedded stack did not start");
			for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
				EmbeddedStack candidate = new EmbeddedStack(StackSettings.ephemeral());
				try {
					return candidate.start();
				}
				catch (RuntimeException ex) {
					failure.addSuppressed(ex);
					candidate.discard();
				}
			}
			throw failure;
		}

	}

}
