package io.conveyor.transformer.stream;

import io.conveyor.transformer.plugin.PluginAllowList;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.transformer.dedupe.InMemorySeenKeys;
import io.conveyor.transformer.plan.RulePlanner;
import io.conveyor.transformer.plugin.PluginLoader;
import io.conveyor.transformer.rules.Outcome;
import io.conveyor.transformer.rules.TransformContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

/** The chain for each input schema: names resolved, unknown fields refused, a schema inferred where none is declared. */
class InputChainsTest {

    private static final Schema CSV = new Schema.Parser().parse("""
            {"type": "record", "name": "Incident", "namespace": "test.csv", "fields": [
              {"name": "Incident_Type", "type": ["null", "string"], "conveyor.originalName": "Incident Type"},
              {"name": "Cost_Total__", "type": ["null", "string"], "conveyor.originalName": "Cost Total $"}]}
            """);

    private final List<Schema> registered = new ArrayList<>();
    private final TransformContext context = new TransformContext("incidents", "incidents@m-1", "clean");

    @Test
    void expressionsReadFieldsByTheSourcesSpellingToo() {
        InputChains chains = chains("""
                - filter: {drop: "`Incident Type` == 'test'"}
                - derive: {field: label, expression: "${`Incident Type`}: ${`Cost Total $`}"}
                """);

        InputChains.Resolution.Ready ready = (InputChains.Resolution.Ready) chains.forInput(CSV);

        assertThat(ready.chain().apply(new GenericRecordBuilder(CSV).set("Incident_Type", "test").set("Cost_Total__", "1").build(),
                context)).isInstanceOf(Outcome.Dropped.class);
        Outcome kept = ready.chain().apply(new GenericRecordBuilder(CSV).set("Incident_Type", "fire").set("Cost_Total__", "2")
                .build(), context);
        assertThat(((Outcome.Accepted) kept).record().get("label")).hasToString("fire: 2");
        assertThat(registered).hasSize(1);
    }

    @Test
    void anExpressionNamingAnUnknownFieldFailsTheTaskWithTheNearestName() {
        InputChains chains = chains("- filter: {drop: \"`Incident Tpye` == 'test'\"}\n");

        assertThat(chains.forInput(CSV)).isEqualTo(new InputChains.Resolution.Invalid(
                "the input records (test.csv.Incident) do not fit the rules: "
                        + "filter#1: unknown field 'Incident Tpye' (did you mean 'Incident Type'?)"));
        assertThat(registered).isEmpty();
    }

    @Test
    void aCustomRuleWithoutSchemaCannotBeInferred() {
        InputChains chains = chains("- custom: {class: io.conveyor.transformer.plugin.SkipTestOrders}\n");

        assertThat(chains.forInput(CSV)).isInstanceOf(InputChains.Resolution.Invalid.class)
                .hasToString("Invalid[message=transform task clean has a custom rule and no schema: the fields a custom "
                        + "rule makes cannot be inferred, so the task needs a schema]");
    }

    private InputChains chains(String rules) {
        String yaml = "name: incidents\ntasks:\n  - id: clean\n    kind: transform\n    rules:\n"
                + rules.lines().map(line -> "      " + line + "\n").reduce("", String::concat);
        try {
            TaskWork.Transform work = (TaskWork.Transform) PipelineLoader.parse(yaml, "incidents.yaml").task("clean")
                    .orElseThrow().work();
            return new InputChains("incidents", "clean", work, new RulePlanner(PluginLoader.fromClasspath(PluginAllowList.NONE),
                    new InMemorySeenKeys()), schema -> {
                        registered.add(schema);
                        return Optional.empty();
                    });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
