package dev.waybill.demo.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The data the demo keeps between runs, under {@code stack/} in the run directory: the
 * PostgreSQL and Kafka data, {@code stack/capture}, the capture it was written under, and
 * {@code stack/brokers}, how many brokers hold it (and their cluster id), and
 * {@code stack/security}, whether its connections are secured (with their secrets in
 * {@code stack/secrets}), so that {@code --fresh} deletes them together.
 *
 * <p>
 * The capture is recorded because switching from log capture to polling on existing data
 * is an operation, not a setting (outbox-relay's README): log capture never marks rows
 * published, so a poller would publish every retained row again. The other way is carried
 * over by the relay, which publishes what the poller had not before it streams its slot.
 *
 * <p>
 * The brokers are recorded because each broker's logs are formatted with the cluster's id
 * and its replicas live on the others: the data of one broker cannot become a cluster's,
 * nor a cluster's one broker's.
 */
final class DemoData {

	private final Path stack;

	private final Path file;

	private final Path brokersFile;

	private final Path securityFile;

	/**
	 * @param runDirectory the run directory
	 */
	DemoData(Path runDirectory) {
		this.stack = runDirectory.resolve("stack");
		this.file = this.stack.resolve("capture");
		this.brokersFile = this.stack.resolve("brokers");
		this.securityFile = this.stack.resolve("security");
	}

	/**
	 * The security {@code up} starts with: what was asked for, else the data's own, plain
	 * on new data. Either way works on existing data: securing it gives its roles new
	 * passwords and its brokers a secured listener.
	 * @param request whether secured connections were asked for, if either was
	 * @param fresh whether the data is about to be deleted
	 * @return the security
	 */
	Security chooseSecurity(Optional<Boolean> request, boolean fresh) {
		Optional<Security> data = fresh ? Optional.empty() : security();
		return request.map((secured) -> new Security(secured, secrets()))
			.or(() -> data)
			.orElseGet(() -> new Security(false, secrets()));
	}

	/**
	 * @return the security of the existing data, or empty when there is no data; data
	 * written before the launcher kept the record was plain
	 */
	Optional<Security> security() {
		return read(this.securityFile, new Security(false, secrets()), (text, file) -> Security.parse(text, secrets()));
	}

	/**
	 * Records whether the data is served over secured connections.
	 * @param security the security
	 */
	void record(Security security) {
		write(this.securityFile, security.value() + "\n");
	}

	/**
	 * @return where a secured stack keeps its certificates and passwords: with the data,
	 * so that {@code --fresh} makes new ones
	 */
	Path secrets() {
		return this.stack.resolve("secrets");
	}

	/**
	 * @return the brokers of the existing data, or empty when there is no data; data
	 * written before the launcher kept the record had one broker
	 */
	Optional<Brokers> brokers() {
		return read(this.brokersFile, Brokers.SINGLE, Brokers::parse);
	}

	/**
	 * Records the brokers that hold, or are about to hold, the data.
	 * @param brokers the brokers
	 */
	void record(Brokers brokers) {
		write(this.brokersFile, brokers.record());
	}

	/**
	 * The brokers {@code up} starts: as many as asked for on new data (one unless asked),
	 * the data's own otherwise.
	 * @param request how many brokers were asked for, if any
	 * @param fresh whether the data is about to be deleted
	 * @return the brokers
	 * @throws IllegalStateException when the request contradicts the data
	 */
	Brokers chooseBrokers(OptionalInt request, boolean fresh) {
		Optional<Brokers> data = fresh ? Optional.empty() : brokers();
		if (data.isEmpty()) {
			return request.isPresent() ? Brokers.of(request.getAsInt()) : Brokers.SINGLE;
		}
		if (request.isPresent() && request.getAsInt() != data.get().count()) {
			throw new IllegalStateException("The data in " + this.stack + " is held by " + data.get().count()
					+ " broker(s), and --brokers=" + request.getAsInt() + " asks for " + request.getAsInt()
					+ ": a broker's logs belong to its cluster. Start from nothing with './waybill up --fresh --brokers="
					+ request.getAsInt() + "'");
		}
		return data.get();
	}

	/**
	 * @return the capture of the existing data, or empty when there is no data; data
	 * written before the launcher kept the record counts as {@code log}, its default then
	 */
	Optional<Capture> capture() {
		return read(this.file, Capture.LOG, Capture::parse);
	}

	/**
	 * Records the capture the data is, or is about to be, written under.
	 * @param capture the capture
	 */
	void record(Capture capture) {
		write(this.file, capture.value() + "\n");
	}

	// a record of the data: empty without data, the given value for data older than the
	// record
	private <T> Optional<T> read(Path record, T beforeTheRecord, BiFunction<String, String, T> parse) {
		if (!Files.isDirectory(this.stack.resolve("postgres"))) {
			return Optional.empty();
		}
		if (!Files.exists(record)) {
			return Optional.of(beforeTheRecord);
		}
		try {
			return Optional.of(parse.apply(Files.readString(record), record.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + record, ex);
		}
	}

	private void write(Path record, String text) {
		writeRecord(record, text);
	}

	/**
	 * Writes a record of the run directory aside and moves it into place, so that a
	 * command reading it while another writes it (two components started at once) never
	 * reads half of it.
	 * @param record the record's file
	 * @param text what it is to hold
	 */
	static void writeRecord(Path record, String text) {
		try {
			Files.createDirectories(record.getParent());
			Path written = Files.createTempFile(record.getParent(), record.getFileName().toString(), ".tmp");
			Files.writeString(written, text);
			Files.move(written, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + record, ex);
		}
	}

	/**
	 * Deletes the data and its record.
	 * @return whether there was anything to delete
	 */
	boolean delete() {
		if (!Files.exists(this.stack)) {
			return false;
		}
		try (Stream<Path> paths = Files.walk(this.stack)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + this.stack, ex);
		}
		return true;
	}

	/**
	 * @return where the data is
	 */
	Path directory() {
		return this.stack;
	}

	/**
	 * @param request the capture asked for, if any
	 * @param fresh whether the data is about to be deleted
	 * @return the capture to start with: see
	 * {@link #chooseCapture(Optional, Optional, Path)}
	 */
	Capture chooseCapture(Optional<CaptureRequest> request, boolean fresh) {
		return chooseCapture(request, fresh ? Optional.empty() : capture(), this.file);
	}

	/**
	 * The rule: what was asked for on new data, the data's own capture otherwise; log
	 * capture asked for on polling data takes over, and polling asked for on log data is
	 * refused.
	 * @param request the capture asked for, if any
	 * @param data the capture of the existing data, or empty when there is none
	 * @param file the record, for the message
	 * @return the capture to start with
	 * @throws IllegalStateException when the request contradicts the data
	 */
	static Capture chooseCapture(Optional<CaptureRequest> request, Optional<Capture> data, Path file) {
		if (data.isEmpty()) {
			return request.map(CaptureRequest::capture).orElse(Capture.LOG);
		}
		Capture existing = data.get();
		if (request.isEmpty() || request.get().capture() == existing) {
			return existing;
		}
		if (existing == Capture.POLLING) {
			return Capture.LOG;
		}
		throw refusal(existing, request.get(), file);
	}

	private static IllegalStateException refusal(Capture existing, CaptureRequest request, Path file) {
		String asked = request.capture().value();
		return new IllegalStateException("The data in " + file.getParent() + " was written under " + existing.value()
				+ " capture, and " + request.source() + " asks for " + asked
				+ ": log capture never marks rows published, so a poller would publish every retained row again"
				+ ". Start from nothing with './waybill up --fresh --capture=" + asked
				+ "', or switch the outbox as outbox-relay/README.md describes (\"Capture: where log capture takes"
				+ " over\") and then write '" + asked + "' into " + file);
	}

}
