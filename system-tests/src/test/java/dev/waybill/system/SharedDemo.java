package dev.waybill.system;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running demo for every test class of the test JVM that asks for it: starting the
 * five processes is the largest share of each class's time, so
 * {@link SwitchingCaptureDemoIntegrationTests}, {@link SagaIntegrationTests},
 * {@link LeastPrivilegeDemoIntegrationTests} and {@link DemoIntegrationTests} use the
 * same one, in any order. The capture-switch tests need a demo that starts on polling
 * capture and are then switched to log capture; the others need log capture, the default.
 * So a class that asks for polling capture gets a fresh demo started on it, and a class
 * that asks for log capture while the demo polls gets it switched the way a user switches
 * it ({@code restart relay --capture=log}). Ordered as the failsafe configuration orders
 * them, the capture-switch class comes first and the demo starts once. None of the
 * classes needs another's data: each places orders of its own and looks only at those
 * (the saga tests on products of their own). The first start throws away earlier data;
 * the demo is stopped, as Ctrl-C stops it, when the test run ends. Its run directory is
 * the test JVM's own ({@code demo-run-PID}).
 */
final class SharedDemo implements AutoCloseable {

	// one per test JVM: were a class that uses the shared demo ever to run in the other
	// JVM, that JVM starts a demo of its own rather than taking over this one's processes
	private static final String RUN_DIRECTORY = "demo-run-" + ProcessHandle.current().pid();

	private @Nullable RunningDemo running;

	private boolean polling;

	private boolean started;

	/**
	 * @return the running demo on log capture: started if it does not run, switched to
	 * log capture if it polls
	 */
	RunningDemo demo() throws IOException, InterruptedException {
		RunningDemo demo = this.running;
		if (demo == null) {
			return start(this.started ? List.of() : List.of("--fresh"), false);
		}
		if (this.polling) {
			switchToLogCapture();
		}
		return demo;
	}

	/**
	 * @return a demo started afresh on polling capture, in place of any that runs
	 */
	RunningDemo demoOnPollingCapture() throws IOException, InterruptedException {
		stop();
		return start(List.of("--fresh", "--capture=polling"), true);
	}

	/**
	 * Switches the running demo from polling to log capture as a user does.
	 * @return what {@code ./waybill restart relay --capture=log} printed
	 */
	String switchToLogCapture() throws IOException, InterruptedException {
		RunningDemo demo = this.running;
		if (demo == null || !this.polling) {
			throw new IllegalStateException("no demo on polling capture runs");
		}
		String output = demo.command("restart", "relay", "--capture=log");
		this.polling = false;
		return output;
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

	private RunningDemo start(List<String> options, boolean polling) throws IOException {
		RunningDemo demo = new RunningDemo(RUN_DIRECTORY, options);
		this.running = demo;
		this.polling = polling;
		this.started = true;
		return demo;
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
