package io.conveyor.transformer.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginLoaderTest {

    private static final TransformContext CONTEXT = new TransformContext("p", "run-1", "t");

    private final PluginLoader loader = PluginLoader.fromClasspath(
            PluginAllowList.of(PluginLoaderTest.class.getName() + "$*", "com.example.*", "io.conveyor.transformer.plugin.ListedNonTransform"));

    /** Drops records whose configured field has the configured value. */
    public static final class DropMatching implements RecordTransform {
        private String field;
        private String value;

        @Override
        public void configure(Map<String, String> config) {
            field = config.get("field");
            value = config.get("value");
            if (field == null) {
                throw new IllegalArgumentException("'field' is required");
            }
        }

        @Override
        public Verdict apply(Row row, TransformContext context) {
            return value.equals(row.get(field)) ? Verdict.drop(field + " is " + value) : Verdict.keep();
        }
    }

    public static final class NotATransform {
    }

    public abstract static class AbstractTransform implements RecordTransform {
    }

    public static final class NeedsArguments implements RecordTransform {
        public NeedsArguments(String argument) {
        }

        @Override
        public Verdict apply(Row row, TransformContext context) {
            return Verdict.keep();
        }
    }

    public static final class FailingConstructor implements RecordTransform {
        public FailingConstructor() {
            throw new IllegalStateException("no licence key");
        }

        @Override
        public Verdict apply(Row row, TransformContext context) {
            return Verdict.keep();
        }
    }

    @Test
    void loadsConfiguresAndRunsATransform() throws Exception {
        PluginRule rule = loader.load(DropMatching.class.getName(), Map.of("field", "status", "value", "test"));

        assertThat(rule.name()).isEqualTo("custom:DropMatching");
        assertThat(rule.apply(Row.of(Map.of("status", "test")), CONTEXT)).isEqualTo(Verdict.drop("status is test"));
        assertThat(rule.apply(Row.of(Map.of("status", "live")), CONTEXT)).isSameAs(Verdict.KEEP);
    }

    @Test
    void reportsAMissingClass() {
        assertThatThrownBy(() -> loader.load("com.example.Missing", Map.of()))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> assertThat(e.className()).isEqualTo("com.example.Missing"))
                .hasMessage("custom transform 'com.example.Missing' was not found on the classpath")
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void reportsAClassThatIsNotATransform() {
        assertThatThrownBy(() -> loader.load(NotATransform.class.getName(), Map.of()))
                .hasMessageEndingWith("does not implement io.conveyor.transformer.plugin.RecordTransform");
    }

    @Test
    void reportsAnAbstractClass() {
        assertThatThrownBy(() -> loader.load(AbstractTransform.class.getName(), Map.of()))
                .hasMessageEndingWith("is abstract and cannot be instantiated");
    }

    @Test
    void reportsAMissingNoArgumentConstructor() {
        assertThatThrownBy(() -> loader.load(NeedsArguments.class.getName(), Map.of()))
                .hasMessageEndingWith("has no public no-argument constructor");
    }

    @Test
    void reportsAFailingConstructor() {
        assertThatThrownBy(() -> loader.load(FailingConstructor.class.getName(), Map.of()))
                .hasMessageContaining("failed in its constructor: java.lang.IllegalStateException: no licence key")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsARejectedConfiguration() {
        assertThatThrownBy(() -> loader.load(DropMatching.class.getName(), Map.of("value", "x")))
                .hasMessageEndingWith("rejected its configuration: 'field' is required");
    }

    @Test
    void aClassOutsideTheAllowListIsRefusedBeforeItsStaticInitialiserRuns() {
        assertThatThrownBy(() -> loader.load("io.conveyor.transformer.plugin.UnlistedTransform", Map.of()))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("custom transform 'io.conveyor.transformer.plugin.UnlistedTransform' is not in the transformer's"
                        + " plug-in allow-list (conveyor.transformer.plugin-allow: " + PluginLoaderTest.class.getName()
                        + "$*, com.example.*, io.conveyor.transformer.plugin.ListedNonTransform)");
        assertThat(StaticCodeRuns.INITIALISED).doesNotContain("UnlistedTransform");
    }

    @Test
    void anAllowedClassThatIsNoTransformIsRefusedWithoutInitialisingIt() {
        assertThatThrownBy(() -> loader.load("io.conveyor.transformer.plugin.ListedNonTransform", Map.of()))
                .hasMessageEndingWith("does not implement io.conveyor.transformer.plugin.RecordTransform");
        assertThat(StaticCodeRuns.INITIALISED).doesNotContain("ListedNonTransform");
    }

    @Test
    void noPlugInIsAllowedByDefault() {
        assertThatThrownBy(() -> PluginLoader.fromClasspath(PluginAllowList.NONE).load(DropMatching.class.getName(), Map.of()))
                .hasMessageEndingWith("is not in the transformer's plug-in allow-list (conveyor.transformer.plugin-allow: none)");
    }
}
