package io.conveyor.transformer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.transformer.plugin.RecordTransform;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plug-in compiles against this module alone. The enforcer rule in the pom keeps libraries out of
 * its dependencies; this test checks the other half: that the API's classes link with nothing but
 * the JDK, so none of them names a type of the transformer service it was taken out of.
 */
class PluginApiIsSelfContainedTest {

    private static final List<Class<?>> API = List.of(RecordTransform.class, Row.class, TransformContext.class,
            Verdict.class, Verdict.Keep.class, Verdict.Drop.class, Verdict.Duplicate.class, Verdict.Reject.class);

    @Test
    void the_api_classes_link_against_the_jdk_alone() throws Exception {
        URL classes = Path.of(RecordTransform.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        try (URLClassLoader onlyTheApi = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            for (Class<?> type : API) {
                Class<?> loaded = Class.forName(type.getName(), true, onlyTheApi);
                assertThat(loaded.getClassLoader()).as(type.getName()).isSameAs(onlyTheApi);
                // Resolves every type in the signatures and fields; a missing one throws NoClassDefFoundError.
                assertThat(loaded.getDeclaredMethods()).as(type.getName()).isNotNull();
                assertThat(loaded.getDeclaredFields()).as(type.getName()).isNotNull();
                assertThat(loaded.getDeclaredConstructors()).as(type.getName()).isNotNull();
            }
        }
    }

    @Test
    void a_plugin_written_against_the_api_alone_keeps_drops_and_rejects() {
        RecordTransform vip = (row, context) -> {
            Object amount = row.get("amount");
            if (amount == null) {
                return Verdict.reject("amount", "no amount in run " + context.runId());
            }
            if (((Number) amount).intValue() < 100) {
                return Verdict.drop("small order");
            }
            row.put("vip", true);
            return Verdict.keep();
        };
        TransformContext context = new TransformContext("orders", "run-1", "clean");
        Row big = Row.of(java.util.Map.of("amount", 250));

        assertThat(vip.apply(big, context)).isSameAs(Verdict.KEEP);
        assertThat(big.get("vip")).isEqualTo(true);
        assertThat(vip.apply(Row.of(java.util.Map.of("amount", 5)), context)).isEqualTo(new Verdict.Drop("small order"));
        assertThat(vip.apply(new Row(), context)).isEqualTo(new Verdict.Reject("amount", "no amount in run run-1", null));
    }
}
