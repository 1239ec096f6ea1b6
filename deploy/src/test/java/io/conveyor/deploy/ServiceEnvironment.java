package io.conveyor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables each process reads, from the one table of docs/deployment.md
 * ("Environment per service"), which {@code EnvironmentTableTest} (launcher/) checks against the
 * configuration keys the services declare. Micronaut maps CONVEYOR_TRACKER_STATE_DIR to
 * conveyor.tracker.state-dir; a deployment file that sets any other name sets nothing (the service
 * silently keeps its default), so the checks compare against this list.
 */
final class ServiceEnvironment {

    /** {@code CONVEYOR_KAFKA_PROPERTIES_<PROPERTY>}: any Kafka client property. */
    private static final String KAFKA_PROPERTIES = "CONVEYOR_KAFKA_PROPERTIES_";

    private static final Map<String, Set<String>> BY_SERVICE = read();

    private ServiceEnvironment() {
    }

    /** The names {@code service} reads (its image name: scheduler, extractor, ..., schema-registry). */
    static Set<String> of(String service) {
        Set<String> names = BY_SERVICE.get(service);
        if (names == null) {
            throw new IllegalArgumentException("no service " + service + " (known: " + BY_SERVICE.keySet() + ")");
        }
        return names;
    }

    /** Whether {@code service} reads {@code name}: a listed variable or a pass-through Kafka client property. */
    static boolean reads(String service, String name) {
        return of(service).contains(name)
                || (name.startsWith(KAFKA_PROPERTIES) && name.length() > KAFKA_PROPERTIES.length()
                    && of(service).contains(KAFKA_PROPERTIES + "<PROPERTY>"));
    }

    private static Map<String, Set<String>> read() {
        Path doc = repositoryRoot().resolve("docs/deployment.md");
        try {
            String text = Files.readString(doc);
            String section = text.substring(text.indexOf("## Environment per service"));
            section = section.substring(0, section.indexOf("\n## ", 3));
            Map<String, Set<String>> byService = new TreeMap<>();
            Matcher row = Pattern.compile("(?m)^\\| `([A-Z0-9_<>]+)` \\| ([a-z, -]+) \\|").matcher(section);
            while (row.find()) {
                for (String service : row.group(2).split(",")) {
                    byService.computeIfAbsent(service.trim(), s -> new TreeSet<>()).add(row.group(1));
                }
            }
            if (byService.isEmpty()) {
                throw new IllegalStateException("no environment table in " + doc);
            }
            return byService;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc, e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/deployment.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/deployment.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
