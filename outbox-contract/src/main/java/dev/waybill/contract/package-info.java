/**
 * The wire contract between the services, the relay and every consumer: the outbox
 * table's columns, the capture record beside it, the record headers, the topics, and the
 * rule for table names. No dependencies, so that any of them, and a team's own tools, can
 * use it.
 */
@NullMarked
package dev.waybill.contract;

import org.jspecify.annotations.NullMarked;
