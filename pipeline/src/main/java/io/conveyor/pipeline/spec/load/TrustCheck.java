package io.conveyor.pipeline.spec.load;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Refuses the secrets a {@link Trust} does not allow, where they are written. It looks only at the
 * keys it checks and leaves every other problem to the readers, so nothing is reported twice.
 */
final class TrustCheck {

    private static final List<String> CONNECTIONS = List.of("source", "sink");

    private final Problems problems;
    private final Trust trust;

    private TrustCheck(Problems problems, Trust trust) {
        this.problems = problems;
        this.trust = trust;
    }

    /** Adds to {@code problems} what {@code trust} refuses in the document {@code root}. */
    static void check(Node root, Problems problems, Trust trust) {
        if (!(root instanceof MappingNode)) {
            return;
        }
        // Navigated with scratch problems: the readers report structure problems (duplicate keys...) once.
        YamlValue document = new YamlValue(root, "", new Problems(""));
        TrustCheck check = new TrustCheck(problems, trust);
        document.map().flatMap(map -> map.get("tasks"))
                .filter(tasks -> tasks.node() instanceof SequenceNode)
                .flatMap(YamlValue::list)
                .ifPresent(tasks -> tasks.stream().filter(task -> task.node() instanceof MappingNode)
                        .forEach(task -> CONNECTIONS.forEach(key -> task.map().flatMap(map -> map.get(key))
                                .filter(connection -> connection.node() instanceof MappingNode)
                                .flatMap(YamlValue::map)
                                .ifPresent(check::checkSecrets))));
        trust.alertChannels().ifPresent(defined -> document.map().flatMap(map -> map.get("alerts"))
                .filter(alerts -> alerts.node() instanceof MappingNode)
                .flatMap(YamlValue::map).flatMap(alerts -> alerts.get("channels"))
                .filter(channels -> channels.node() instanceof SequenceNode)
                .flatMap(YamlValue::list)
                .ifPresent(names -> names.forEach(name -> check.checkChannel(name, defined))));
    }

    private void checkChannel(YamlValue name, Set<String> channels) {
        if (name.node() instanceof ScalarNode scalar && !channels.contains(scalar.getValue())) {
            report(name, "no alert channel '%s' is defined on this scheduler (%s: %s)".formatted(scalar.getValue(),
                    trust.alertChannelsKey(), channels.isEmpty() ? "none defined" : String.join(", ", new TreeSet<>(channels))));
        }
    }

    private void checkSecrets(YamlMap connection) {
        if (!trust.allowsLiteralPasswords()) {
            connection.get("password").ifPresent(password -> report(password,
                    "a literal password is refused in a deployed pipeline (it would be stored and served in clear);"
                            + " name an environment variable with passwordEnv"));
        }
        connection.get("passwordEnv").filter(value -> value.node() instanceof ScalarNode scalar
                        && !trust.secretEnv().allows(scalar.getValue()))
                .ifPresent(value -> report(value, trust.secretEnv().refusal(
                        ((ScalarNode) value.node()).getValue(), trust.secretEnvKey())));
    }

    private void report(YamlValue value, String message) {
        problems.add(value.node().getStartMark(), value.path(), message);
    }
}
