package dev.waybill.audit;

/**
 * The outcome of one check.
 */
public enum Verdict {

	/** Nothing offending was found. */
	PASS,

	/** At least one offending id was found. */
	FAIL

}
