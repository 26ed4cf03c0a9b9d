/**
 * A real PostgreSQL server and a real Kafka broker, started from Maven artifacts so that
 * the demo and every integration test run without Docker.
 *
 * <p>
 * {@link dev.waybill.stack.EmbeddedStack} starts both and prepares the service databases;
 * {@link dev.waybill.stack.EmbeddedStackExtension} shares one stack across a JUnit run;
 * {@link dev.waybill.stack.StackLauncher} runs it as a standalone process, or one node of
 * a Kafka cluster per process. {@link dev.waybill.stack.KafkaCluster} runs a replicated
 * cluster of {@link dev.waybill.stack.KafkaBroker} nodes in one JVM, and
 * {@link dev.waybill.stack.FullReplication} waits until a cluster is fully in sync.
 */
@NullMarked
package dev.waybill.stack;

import org.jspecify.annotations.NullMarked;
