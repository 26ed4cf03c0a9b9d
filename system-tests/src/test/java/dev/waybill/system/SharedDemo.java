package dev.waybill.system;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running demo for every test class of the test JVM that asks for it: starting the
 * five processes is the largest share of each class's time, so
 * {@link DemoIntegrationTests} and {@link SagaIntegrationTests} use the same one,
 * whichever runs first. Neither needs the other: the saga creates products of its own,
 * and the demo tests look only at the demo products and their own orders. The first start
 * throws away earlier data, a start after {@link #stop()} keeps it; the demo is stopped,
 * as Ctrl-C stops it, when the test run ends.
 */
final class SharedDemo implements AutoCloseable {

	private static final String RUN_DIRECTORY = "demo-run";

	private @Nullable RunningDemo running;

	private boolean started;

	/**
	 * @return the running demo, started if it does not run
	 */
	RunningDemo demo() throws IOException {
		RunningDemo demo = this.running;
		if (demo == null) {
			demo = new RunningDemo(RUN_DIRECTORY, !this.started);
			this.running = demo;
			this.started = true;
		}
		return demo;
	}

	/** Stops the demo as Ctrl-C in its terminal would. */
	void stop() throws InterruptedException {
		RunningDemo demo = this.running;
		this.running = null;
		if (demo != null) {
			demo.close();
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	/**
	 * Resolves a {@link SharedDemo} parameter with the one instance of the test run.
	 */
	static final class Extension implements ParameterResolver {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedDemo.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == SharedDemo.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			// the launcher session's store: Failsafe runs each class of a fork as a
			// request
			// of its own, whose root store would stop the demo after every class
			return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
				.computeIfAbsent(SharedDemo.class, (key) -> new SharedDemo(), SharedDemo.class);
		}

	}

}
