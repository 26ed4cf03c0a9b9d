package dev.waybill.relay.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import dev.waybill.relay.Source;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Capture} whose runs start, fail and fence as a test scripts them.
 */
final class ScriptedCapture implements Capture {

	final List<ScriptedRun> runs = new ArrayList<>();

	private int startFailures;

	private int fenceFailures;

	int fences;

	int evictions;

	@Nullable RuntimeException failWhileStarting;

	void failNextStarts(int count) {
		this.startFailures = count;
	}

	void failNextFences(int count) {
		this.fenceFailures = count;
	}

	@Override
	public void check(Source source) {
	}

	@Override
	public void evict(Source source) {
		this.evictions++;
	}

	@Override
	public void fence(Source source) {
		if (this.fenceFailures > 0) {
			this.fenceFailures--;
			throw new IllegalStateException("scripted fence failure");
		}
		this.fences++;
	}

	@Override
	public Run run(Source source, BooleanSupplier leading, BiConsumer<Run, Throwable> onFailure) {
		if (this.startFailures > 0) {
			this.startFailures--;
			return new ScriptedRun(onFailure, new IllegalStateException("scripted start failure"), null);
		}
		RuntimeException early = this.failWhileStarting;
		this.failWhileStarting = null;
		ScriptedRun run = new ScriptedRun(onFailure, null, early);
		this.runs.add(run);
		return run;
	}

	@Override
	public String describe(Source source) {
		return "as scripted";
	}

}
