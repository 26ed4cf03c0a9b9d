package dev.waybill.system.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.waybill.system.docs.ModuleMetadata.Property;
import dev.waybill.system.docs.PropertyTable.DocumentedProperty;

/**
 * What a module's README says about its configuration properties, against what the module
 * has. A README with property tables must list every property there, each with the
 * default it really has; a README without one must at least name every property.
 */
final class PropertyDocumentation {

	private PropertyDocumentation() {
	}

	/**
	 * @param metadata the module's properties
	 * @param readme its README
	 * @return each difference, as a sentence; none when the README is true
	 */
	static List<String> findings(ModuleMetadata metadata, String readme) {
		List<DocumentedProperty> documented = PropertyTable.read(readme);
		if (documented.isEmpty()) {
			return unnamed(metadata, readme);
		}
		List<String> findings = new ArrayList<>();
		for (DocumentedProperty property : documented) {
			metadata.find(property.name())
				.ifPresentOrElse((actual) -> checkDefault(metadata, actual, property, findings),
						() -> findings.add(property.name() + " is documented but is no property of the module"));
		}
		Set<String> names = documented.stream().map(DocumentedProperty::name).collect(Collectors.toSet());
		for (String name : metadata.properties().keySet()) {
			if (!names.contains(name)) {
				findings.add(name + " is missing from the README's property tables");
			}
		}
		return findings;
	}

	private static void checkDefault(ModuleMetadata metadata, Property actual, DocumentedProperty property,
			List<String> findings) {
		if (property.defaultValue() != null && !metadata.isDefault(actual, property.defaultValue())) {
			findings.add(property.name() + " is documented with default " + property.defaultValue() + " but has "
					+ actual.defaultValue());
		}
	}

	// a README that describes its few properties in prose: each must at least be named,
	// in full or by its last segment, in code
	private static List<String> unnamed(ModuleMetadata metadata, String readme) {
		List<String> findings = new ArrayList<>();
		for (String name : metadata.properties().keySet()) {
			String last = name.substring(name.lastIndexOf('.') + 1);
			if (!readme.contains("`" + name + "`") && !readme.contains("`" + last + "`")) {
				findings.add(name + " is not named in the README");
			}
		}
		return findings;
	}

}
