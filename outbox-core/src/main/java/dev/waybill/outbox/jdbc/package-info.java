/**
 * The PostgreSQL implementation of the outbox and the inbox, on Spring's
 * {@code JdbcTemplate}. {@link dev.waybill.outbox.jdbc.JdbcOutbox} builds its parts; the
 * implementations themselves are package-private.
 */
@NullMarked
package dev.waybill.outbox.jdbc;

import org.jspecify.annotations.NullMarked;
