package dev.waybill.relay.capture.log;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.debezium.schema.SchemaTopicNamingStrategy;
import io.debezium.spi.schema.DataCollectionId;

/**
 * Debezium's default topic naming (prefix, schema and table joined by dots) with a plain
 * concurrent map as its cache.
 *
 * <p>
 * The default strategy caches names in a bounded LRU map that appends every lookup to an
 * access queue and then asks that queue its size, which walks it: once per change event,
 * on Debezium's decoding thread, the thread that bounds the relay's throughput (3 to 6%
 * of that thread's samples in BENCHMARKS.md). The relay captures one table per source and
 * routes by {@code aggregatetype}, so these names only label the engine's records and the
 * map holds one entry.
 *
 * <p>
 * Public with a {@link Properties} constructor because Debezium instantiates it by class
 * name ({@code topic.naming.strategy}).
 */
public final class CapturedTableTopics extends SchemaTopicNamingStrategy {

	private final Map<DataCollectionId, String> names = new ConcurrentHashMap<>();

	/**
	 * Creates the strategy; Debezium calls this reflectively.
	 * @param properties the connector's configuration
	 */
	public CapturedTableTopics(Properties properties) {
		super(properties);
	}

	@Override
	public String dataChangeTopic(DataCollectionId id) {
		String name = this.names.get(id);
		if (name == null) {
			name = super.dataChangeTopic(id);
			this.names.put(id, name);
		}
		return name;
	}

}
