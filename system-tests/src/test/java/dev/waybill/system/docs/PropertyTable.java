package dev.waybill.system.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The configuration tables of a README: a Markdown table whose first column is headed
 * {@code property}, under a heading that names the prefix in code, such as
 * {@code ## Configuration (`waybill.relay.*`)}. A cell may name several properties
 * ({@code `restart.initial-backoff` / `restart.max-backoff`}); a name without a dot after
 * the first one shares the first one's parent
 * ({@code `sources[n].username` / `password`}).
 */
final class PropertyTable {

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern PREFIX_HEADING = Pattern.compile("^#+ .*\\(`([a-z0-9.-]+?)(\\.\\*)?`\\)\\s*$");

	private PropertyTable() {
	}

	/**
	 * @param markdown a README
	 * @return every property its tables document, with the full name
	 */
	static List<DocumentedProperty> read(String markdown) {
		List<DocumentedProperty> properties = new ArrayList<>();
		String prefix = null;
		boolean inTable = false;
		for (String line : markdown.split("\n")) {
			Matcher heading = PREFIX_HEADING.matcher(line);
			if (heading.matches()) {
				prefix = heading.group(1);
			}
			else if (line.startsWith("| property |")) {
				inTable = prefix != null;
			}
			else if (!line.startsWith("|")) {
				inTable = false;
			}
			else if (inTable && !line.startsWith("|---")) {
				properties.addAll(row(prefix, line));
			}
		}
		return properties;
	}

	private static List<DocumentedProperty> row(String prefix, String line) {
		String[] cells = line.split("\\|", -1);
		List<String> names = code(cells[1]);
		if (names.isEmpty()) {
			throw new IllegalArgumentException("A property table row names no property in code: " + line);
		}
		List<String> defaults = code(cells[2]);
		String parent = names.get(0).contains(".") ? names.get(0).substring(0, names.get(0).lastIndexOf('.') + 1) : "";
		List<DocumentedProperty> properties = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = (i > 0 && !names.get(i).contains(".")) ? parent + names.get(i) : names.get(i);
			String value = (defaults.size() == names.size()) ? defaults.get(i) : null;
			properties.add(new DocumentedProperty(prefix + "." + name, value));
		}
		return properties;
	}

	private static List<String> code(String cell) {
		List<String> values = new ArrayList<>();
		Matcher matcher = CODE.matcher(cell);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	/**
	 * A property as a table documents it.
	 *
	 * @param name the full name; list elements as {@code sources[n].name}, map entries as
	 * {@code sources[n].debezium.*}
	 * @param defaultValue the documented default, when the table gives one per name
	 */
	record DocumentedProperty(String name, @Nullable String defaultValue) {
	}

}
