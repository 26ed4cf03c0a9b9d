package dev.waybill.demo.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many instances of each service and of the relay the demo runs.
 *
 * <p>
 * One instance is the component {@code order-service} (and {@code inventory-service},
 * {@code relay}); several are {@code order-service-1} to {@code order-service-N}, each
 * its own process on its own port (see {@link Ports}). The instances of a service share
 * its database and its consumer group, so they share the partitions of the topics it
 * reads; the relays share the sources, and for each source one of them leads while the
 * others stand by.
 *
 * <p>
 * Unlike the brokers, the number is not a property of the data: each {@code up} starts as
 * many as it is asked for, one by default, and records the number in the run directory so
 * that {@code status}, {@code stop} and {@code kill} find the instances it started.
 *
 * @param count from 1 to {@value #MOST}
 */
public record Instances(int count) {

	/** One instance of each, as the demo runs by default. */
	public static final Instances SINGLE = new Instances(1);

	/** The most instances the demo starts: each is a JVM of a few hundred megabytes. */
	public static final int MOST = 4;

	private static final String FILE = "instances";

	/**
	 * Validates the number.
	 */
	public Instances {
		if (count < 1 || count > MOST) {
			throw new IllegalArgumentException(
					"--instances must be from 1 to " + MOST + " (each instance is a JVM of its own), got " + count);
		}
	}

	/**
	 * @param service a component's name for one instance: {@code order-service}
	 * @return the component names of its instances: {@code order-service}, or
	 * {@code order-service-1} to {@code order-service-N}
	 */
	public List<String> names(String service) {
		return IntStream.rangeClosed(1, this.count).mapToObj((instance) -> name(service, instance)).toList();
	}

	/**
	 * @param service a component's name for one instance
	 * @param instance the instance's number, from 1
	 * @return that instance's component name
	 */
	public String name(String service, int instance) {
		return (this.count == 1) ? service : service + "-" + instance;
	}

	/**
	 * @param runDirectory the run directory
	 * @return the instances the last {@code up} started there; one when none did
	 */
	static Instances startedIn(Path runDirectory) {
		Path file = runDirectory.resolve(FILE);
		if (!Files.exists(file)) {
			return SINGLE;
		}
		try {
			String text = Files.readString(file).strip();
			try {
				return new Instances(Integer.parseInt(text));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(file + " does not hold a number of instances (" + ex.getMessage()
						+ "); it holds '" + text + "'", ex);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
	}

	/**
	 * Records these instances as the ones started in the run directory.
	 * @param runDirectory the run directory
	 */
	void recordIn(Path runDirectory) {
		DemoData.writeRecord(runDirectory.resolve(FILE), this.count + "\n");
	}

}
