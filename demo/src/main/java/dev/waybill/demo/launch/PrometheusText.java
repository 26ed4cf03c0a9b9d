package dev.waybill.demo.launch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a component's {@code /actuator/prometheus} answered, in Prometheus' text format:
 * its samples, to add up by metric name and labels as a query would. Here, beside the
 * launcher, because both the system tests and the saga benchmark read the launched
 * components' meters.
 */
public final class PrometheusText {

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private PrometheusText(List<Sample> samples) {
		this.samples = samples;
	}

	/**
	 * @param body the endpoint's answer
	 * @return its samples
	 * @throws IllegalArgumentException on a line that is neither a comment nor a sample
	 */
	public static PrometheusText parse(String body) {
		List<Sample> samples = new ArrayList<>();
		for (String line : body.split("\n", -1)) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				samples.add(Sample.parse(trimmed));
			}
		}
		return new PrometheusText(samples);
	}

	/**
	 * @param name a metric's name as Prometheus shows it, such as
	 * {@code waybill_inbox_deliveries_total}
	 * @param labels the label values a sample must have, each {@code name:value}
	 * @return the sum of its samples with those labels, 0 when there are none
	 */
	public double sum(String name, String... labels) {
		Map<String, String> wanted = new HashMap<>();
		for (String label : labels) {
			String[] nameAndValue = label.split(":", 2);
			wanted.put(nameAndValue[0], nameAndValue[1]);
		}
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().entrySet().containsAll(wanted.entrySet()))
			.mapToDouble(Sample::value)
			.sum();
	}

	/**
	 * @param prefix the start of metric names
	 * @return whether any sample's name starts with it
	 */
	public boolean has(String prefix) {
		return this.samples.stream().anyMatch((sample) -> sample.name().startsWith(prefix));
	}

	private record Sample(String name, Map<String, String> labels, double value) {

		static Sample parse(String line) {
			int brace = line.indexOf('{');
			int space = line.indexOf(' ');
			if (space < 0) {
				throw new IllegalArgumentException("Not a Prometheus sample: " + line);
			}
			Map<String, String> labels = new HashMap<>();
			String rest;
			String name;
			if (brace >= 0 && brace < space) {
				int close = line.lastIndexOf('}');
				name = line.substring(0, brace);
				Matcher matcher = LABEL.matcher(line.substring(brace + 1, close));
				while (matcher.find()) {
					labels.put(matcher.group(1), matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
				}
				rest = line.substring(close + 1).strip();
			}
			else {
				name = line.substring(0, space);
				rest = line.substring(space + 1).strip();
			}
			return new Sample(name, labels, Double.parseDouble(rest.split(" ", -1)[0]));
		}

	}

}
