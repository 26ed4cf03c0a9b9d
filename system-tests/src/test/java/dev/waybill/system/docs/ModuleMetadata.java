package dev.waybill.system.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;

/**
 * A module's configuration properties, as its build describes them for IDEs
 * ({@code META-INF/spring-configuration-metadata.json}, which the configuration processor
 * writes from the {@code @ConfigurationProperties} records and the additional metadata),
 * and the elements of its list properties, read from their record types in the module's
 * classes: the metadata names a list ({@code waybill.relay.sources}) but not its
 * elements' properties.
 */
final class ModuleMetadata {

	private static final Pattern LIST = Pattern.compile("java\\.util\\.List<([\\w.$]+)>");

	private static final ConversionService conversions = ApplicationConversionService.getSharedInstance();

	private final Map<String, Property> properties = new LinkedHashMap<>();

	private final ClassLoader classes;

	private ModuleMetadata(ClassLoader classes) {
		this.classes = classes;
	}

	/**
	 * @param module a module's directory, built
	 * @return its properties
	 */
	static ModuleMetadata of(Path module) {
		Path classes = module.resolve("target/classes");
		Path json = classes.resolve("META-INF/spring-configuration-metadata.json");
		if (!Files.isRegularFile(json)) {
			throw new IllegalStateException("No configuration metadata at " + json + ": build the module first");
		}
		ModuleMetadata metadata = new ModuleMetadata(
				new URLClassLoader(new URL[] { url(classes) }, ModuleMetadata.class.getClassLoader()));
		try {
			for (JsonNode property : JsonMapper.builder().build().readTree(Files.readString(json)).path("properties")) {
				metadata.add(property.path("name").asString(), property.path("type").asString(),
						property.path("defaultValue").isMissingNode() ? null
								: property.path("defaultValue").asString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return metadata;
	}

	private void add(String name, String type, @Nullable String defaultValue) {
		Matcher list = LIST.matcher(type);
		Class<?> element = list.matches() ? load(list.group(1)) : null;
		if (element == null || !element.isRecord()) {
			this.properties.put(name, new Property(name, type, defaultValue));
			return;
		}
		addComponents(name + "[n]", element);
	}

	// a list element's settings, and those of the records it nests (a source's ssl.*)
	private void addComponents(String prefix, Class<?> record) {
		RecordComponent[] components = record.getRecordComponents();
		Parameter[] parameters = canonicalConstructor(record, components).getParameters();
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			String path = prefix + "." + kebab(component.getName());
			// @DefaultValue targets the canonical constructor's parameters
			DefaultValue declared = parameters[i].getAnnotation(DefaultValue.class);
			String value = (declared != null && declared.value().length == 1) ? declared.value()[0] : null;
			if (Map.class.isAssignableFrom(component.getType())) {
				this.properties.put(path + ".*", new Property(path + ".*", Map.class.getName(), null));
			}
			else if (component.getType().isRecord()) {
				addComponents(path, component.getType());
			}
			else {
				this.properties.put(path, new Property(path, component.getType().getName(), value));
			}
		}
	}

	private static Constructor<?> canonicalConstructor(Class<?> record, RecordComponent[] components) {
		try {
			return record.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Map<String, Property> properties() {
		return this.properties;
	}

	Optional<Property> find(String name) {
		return Optional.ofNullable(this.properties.get(name));
	}

	/**
	 * @param property a property
	 * @param documented a default as documented
	 * @return whether it is the property's default, compared as values of its type
	 * ({@code 1m} is {@code PT1M}, {@code 2.0} is {@code 2})
	 */
	boolean isDefault(Property property, String documented) {
		if (property.defaultValue() == null) {
			return false;
		}
		Class<?> type = load(property.type());
		if (type == null || type == String.class || !conversions.canConvert(String.class, type)) {
			return documented.equals(property.defaultValue());
		}
		return conversions.convert(documented, type).equals(conversions.convert(property.defaultValue(), type));
	}

	private @Nullable Class<?> load(String type) {
		try {
			return switch (type) {
				case "int" -> Integer.class;
				case "boolean" -> Boolean.class;
				case "long" -> Long.class;
				default -> Class.forName(type, false, this.classes);
			};
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static URL url(Path directory) {
		try {
			return directory.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One property.
	 *
	 * @param name its full name
	 * @param type its type's class name
	 * @param defaultValue its default, when it has one
	 */
	record Property(String name, String type, @Nullable String defaultValue) {
	}

}
