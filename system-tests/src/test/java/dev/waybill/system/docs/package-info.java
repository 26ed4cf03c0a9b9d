/**
 * The READMEs' configuration tables checked against the configuration metadata the
 * modules' builds write.
 */
@org.jspecify.annotations.NullMarked
package dev.waybill.system.docs;
