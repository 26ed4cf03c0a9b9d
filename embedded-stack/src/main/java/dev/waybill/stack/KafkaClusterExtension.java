package dev.waybill.stack;

import java.time.Duration;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one three-node {@link KafkaCluster} for the whole test
 * run and hands it to test constructors, lifecycle and test methods that declare a
 * parameter of that type, as {@link EmbeddedStackExtension} does for the stack.
 *
 * <p>
 * A test that stops a node must start it again and wait until the cluster is fully
 * replicated ({@link KafkaCluster#awaitFullyReplicated}) before it ends, so that the next
 * test finds every node up.
 */
public final class KafkaClusterExtension implements ParameterResolver {

	/** How many nodes the shared cluster has. */
	public static final int NODES = 3;

	private static final Namespace NAMESPACE = Namespace.create(KafkaClusterExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == KafkaCluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(SharedCluster.class, (key) -> new SharedCluster(), SharedCluster.class)
			.cluster();
	}

	private static final class SharedCluster implements AutoCloseable {

		private final KafkaCluster cluster = started();

		// ready for transactions before the first test: a test of the relay's start
		// should not be the one that meets a cluster still loading its coordinators
		private static KafkaCluster started() {
			KafkaCluster cluster = KafkaCluster.ephemeral(NODES).start();
			try {
				return cluster.awaitTransactions(Duration.ofSeconds(60));
			}
			catch (RuntimeException ex) {
				cluster.discard();
				throw ex;
			}
		}

		KafkaCluster cluster() {
			return this.cluster;
		}

		@Override
		public void close() {
			this.cluster.discard();
		}

	}

}
