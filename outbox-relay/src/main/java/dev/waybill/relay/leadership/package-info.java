/**
 * Which relay instance leads a source, decided in the source's own PostgreSQL: a
 * session-level advisory lock that the server itself takes away from a leader that stops
 * renewing it. Any number of instances run with the same configuration; for each source
 * one leads and the others stand by.
 */
@org.jspecify.annotations.NullMarked
package dev.waybill.relay.leadership;
