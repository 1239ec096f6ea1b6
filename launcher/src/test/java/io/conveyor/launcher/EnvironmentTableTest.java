package io.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.extractor.service.ExtractorConfiguration;
import io.conveyor.kafka.KafkaConnection;
import io.conveyor.loader.service.LoaderConfiguration;
import io.conveyor.registry.http.RegistryConfiguration;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.conveyor.transformer.service.TransformerConfiguration;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one environment table of docs/deployment.md is exactly what the services declare: every
 * configuration key of every service (its {@code @ConfigurationProperties} records and the shared
 * {@code conveyor.kafka.*}) has its row naming the services that read it, and no row names a
 * variable nothing reads. The deployment tests read the same table, so compose and Kubernetes files
 * are checked against the declared keys too.
 */
class EnvironmentTableTest {

    private static final List<String> ALL = List.of("scheduler", "extractor", "transformer", "loader", "schema-registry");
    private static final List<String> FOUR = ALL.subList(0, 4);

    /** Every record bound from configuration, by the service that binds it. */
    private static final Map<String, List<Class<?>>> DECLARED = Map.of(
            "scheduler", List.of(ControlPlaneSettings.class, io.conveyor.scheduler.schedule.CronSettings.class,
                    io.conveyor.scheduler.trigger.BackfillSettings.class, TrackerConfiguration.class,
                    io.conveyor.security.SecurityConfiguration.class,
                    io.conveyor.scheduler.workers.WorkersSettings.class, io.conveyor.scheduler.alerts.AlertSettings.class),
            "extractor", List.of(ExtractorConfiguration.class),
            "transformer", List.of(TransformerConfiguration.class),
            "loader", List.of(LoaderConfiguration.class),
            "schema-registry", List.of(RegistryConfiguration.class, io.conveyor.security.SecurityConfiguration.class));

    @Test
    void theTableListsEveryDeclaredVariableWithTheServicesThatReadItAndNothingElse() throws IOException {
        Map<String, Set<String>> expected = new TreeMap<>();
        DECLARED.forEach((service, records) -> records.forEach(type -> {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : type.getRecordComponents()) {
                add(expected, environmentVariable(prefix + "." + kebab(component.getName())), List.of(service));
            }
        }));
        add(expected, KafkaConnection.environmentVariable(KafkaConnection.BOOTSTRAP_SERVERS_KEY), ALL);
        add(expected, KafkaConnection.environmentVariable(KafkaConnection.PROPERTIES_KEY) + "_<PROPERTY>", ALL);
        for (String key : List.of(KafkaConnection.TOPIC_PREFIX_KEY, KafkaConnection.SCHEMA_REGISTRY_URL_KEY,
                KafkaConnection.SCHEMA_REGISTRY_USER_INFO_KEY)) {
            add(expected, KafkaConnection.environmentVariable(key), FOUR);
        }
        // Read outside the configuration records: Micronaut's port, the images' log level, the pod name
        // the manifests pass to the instance ids, and the password the shipped postgres sinks name.
        add(expected, "MICRONAUT_SERVER_PORT", ALL);
        add(expected, "CONVEYOR_LOG_LEVEL", ALL);
        add(expected, "POD_NAME", FOUR);
        add(expected, "CONVEYOR_POSTGRES_PASSWORD", List.of("loader"));

        assertThat(documentedTable()).isEqualTo(expected);
    }

    /** variable -> services, from the table under "## Environment per service". */
    static Map<String, Set<String>> documentedTable() throws IOException {
        String doc = Files.readString(repositoryRoot().resolve("docs/deployment.md"));
        String section = doc.substring(doc.indexOf("## Environment per service"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        Map<String, Set<String>> table = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z0-9_<>]+)` \\| ([a-z, -]+) \\|").matcher(section);
        while (row.find()) {
            add(table, row.group(1), Arrays.stream(row.group(2).split(",")).map(String::trim).toList());
        }
        return table;
    }

    private static void add(Map<String, Set<String>> table, String variable, List<String> services) {
        table.computeIfAbsent(variable, v -> new TreeSet<>()).addAll(new LinkedHashSet<>(services));
    }

    private static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/deployment.md"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
