package dev.waybill.outbox.kafka;

/**
 * What became of one delivered event.
 */
public enum Delivery {

	/** First delivery: the effect ran and committed with the inbox record. */
	APPLIED,

	/** The inbox knew the event id: an earlier delivery applied it, nothing changed. */
	DUPLICATE,

	/** The event type is known on this topic but of no interest to this consumer. */
	IGNORED

}
