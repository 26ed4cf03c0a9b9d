package dev.waybill.outbox.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A {@link KafkaListener} of outbox events, run by the outbox's own listener container
 * factory ({@value #CONTAINER_FACTORY}): {@code read_committed}, offsets committed after
 * the listener returned, failures retried and then dead-lettered. The application's other
 * listeners keep Spring Boot's factory and its settings.
 *
 * <pre class="code">
 * &#64;OutboxListener(topics = "outbox.event.order")
 * void on(ConsumerRecord&lt;String, String&gt; record) {
 *     this.events.apply(OutboxRecords.envelope(record), this.handlers);
 * }
 * </pre>
 *
 * <p>
 * A batch listener receives the records of one poll and applies them in one database
 * transaction, and its offsets are committed once for them: <pre class="code">
 * &#64;OutboxListener(topics = "outbox.event.order", batch = "true")
 * void on(List&lt;ConsumerRecord&lt;String, String&gt;&gt; records) {
 *     this.events.applyAll(records, this.handlers);
 * }
 * </pre> A poison record or a failing effect splits the batch (see
 * {@link IncomingEvents#applyAll}), so each record is still applied once, retried or
 * dead-lettered as a record listener's would be, in its partition's order.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@KafkaListener(containerFactory = OutboxListener.CONTAINER_FACTORY)
public @interface OutboxListener {

	/**
	 * The bean name of the outbox's listener container factory: an application that
	 * defines a bean of this name replaces the library's.
	 */
	String CONTAINER_FACTORY = "outboxListenerContainerFactory";

	/**
	 * @return the listener container's id, which is also its consumer group unless
	 * {@link #idIsGroup()} is false
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "id")
	String id() default "";

	/**
	 * @return whether the id is the consumer group
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "idIsGroup")
	boolean idIsGroup() default true;

	/**
	 * @return the consumer group, instead of {@code spring.kafka.consumer.group-id}
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "groupId")
	String groupId() default "";

	/**
	 * @return the topics, each named by the relay as the topic prefix followed by the
	 * aggregate type
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "topics")
	String[] topics() default {};

	/**
	 * @return a pattern of topics, instead of {@link #topics()}
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "topicPattern")
	String topicPattern() default "";

	/**
	 * @return how many consumers run this listener, instead of
	 * {@code spring.kafka.listener.concurrency}
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "concurrency")
	String concurrency() default "";

	/**
	 * @return Kafka consumer settings of this listener only, as {@code name=value}, over
	 * the outbox's defaults; {@code isolation.level} and {@code enable.auto.commit} stay
	 * the outbox's
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "properties")
	String[] properties() default {};

	/**
	 * @return {@code "true"} for a batch listener, whose method takes
	 * {@code List<ConsumerRecord<String, String>>} and hands it to
	 * {@link IncomingEvents#applyAll}; a property placeholder may decide it
	 */
	@AliasFor(annotation = KafkaListener.class, attribute = "batch")
	String batch() default "";

}
