package dev.waybill.stack;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.waybill.stack.CoordinatorLog.Line;

/**
 * One restart of the broker and the coordinator lines logged from its stop until the next
 * restart's.
 *
 * @param number which restart, from 1
 * @param downFor from the stop to the start: the orderly stop and the outage after it
 * @param startTook how long the start took
 * @param duringStop the coordinator's lines logged while the broker stopped
 * @param afterStart the coordinator's lines logged after it started, until the next stop
 * @param recoveries how often the writer started over in that time
 * @param rewinds by how many numbers each of those recoveries fell back behind the
 * position the writer had seen committed
 */
record BrokerRestart(int number, Duration downFor, Duration startTook, List<Line> duringStop, List<Line> afterStart,
		long recoveries, List<Long> rewinds) {

	// Scala prints the partitions as a set: "Set(topic-0, topic-1)" or "HashSet(...)"
	private static final Pattern PARTITIONS = Pattern
		.compile(Pattern.quote(CoordinatorLog.SKIPPED_MARKER) + " \\w*Set\\(([^)]*)\\)");

	List<Line> skippedDuringStop() {
		return this.duringStop.stream().filter(Line::isSkippedMarker).toList();
	}

	List<Line> skippedAfterStart() {
		return this.afterStart.stream().filter(Line::isSkippedMarker).toList();
	}

	/**
	 * @return whether the coordinator logged that it did not write a transaction's
	 * completion, having lost its partition: the next coordinator then sends the markers
	 * again, which makes a skip harmless
	 */
	boolean cancelledACompletion() {
		return this.duringStop.stream().anyMatch(Line::isCancelledCompletion)
				|| this.afterStart.stream().anyMatch(Line::isCancelledCompletion);
	}

	boolean skippedAMarker() {
		return !skippedDuringStop().isEmpty() || !skippedAfterStart().isEmpty();
	}

	/**
	 * @param dataTopic the data topic's name
	 * @param positionTopic the position topic's name
	 * @return the kinds of partitions named in the skipped-marker lines: {@code data-N},
	 * {@code position} or {@code other:<partition>}
	 */
	Set<String> skippedPartitions(String dataTopic, String positionTopic) {
		Set<String> kinds = new TreeSet<>();
		for (Line line : skippedDuringStop()) {
			kinds.addAll(kinds(line, dataTopic, positionTopic));
		}
		for (Line line : skippedAfterStart()) {
			kinds.addAll(kinds(line, dataTopic, positionTopic));
		}
		return kinds;
	}

	private static Set<String> kinds(Line line, String dataTopic, String positionTopic) {
		Set<String> kinds = new TreeSet<>();
		Matcher matcher = PARTITIONS.matcher(line.message());
		if (!matcher.find()) {
			kinds.add("other:unparsed");
			return kinds;
		}
		for (String partition : matcher.group(1).split(",\\s*")) {
			if (partition.indexOf('-') < 0) {
				continue;
			}
			String topic = partition.substring(0, partition.lastIndexOf('-'));
			if (topic.equals(dataTopic)) {
				kinds.add("data" + partition.substring(partition.lastIndexOf('-')));
			}
			else if (topic.equals(positionTopic)) {
				kinds.add("position");
			}
			else {
				kinds.add("other:" + partition);
			}
		}
		return kinds;
	}

}
