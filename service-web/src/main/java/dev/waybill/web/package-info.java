/**
 * What every Waybill HTTP service shares, auto-configured: every error as an RFC 9457
 * {@code application/problem+json} response that names the failing fields
 * ({@link dev.waybill.web.ProblemResponses}), and a request body size limit enforced
 * before anything reads the body ({@link dev.waybill.web.RequestBodyLimit}).
 */
@NullMarked
package dev.waybill.web;

import org.jspecify.annotations.NullMarked;
