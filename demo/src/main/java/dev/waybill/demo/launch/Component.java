package dev.waybill.demo.launch;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One process of the demo.
 *
 * @param name the name used on the command line ({@code relay}, {@code order-service}...)
 * @param command the full command line that starts it
 * @param environment the variables it is configured with: the same names the
 * {@code docker-compose.yml} sets, so both ways of running share one configuration
 * @param port the port it listens on
 * @param health an HTTP URL that answers {@code "status":"UP"} when healthy, or
 * {@code null} when an open port is enough
 */
public record Component(String name, List<String> command, Map<String, String> environment, int port,
		@Nullable URI health) {
}
