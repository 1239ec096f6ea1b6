package io.conveyor.pipeline.spec.load;

import static io.conveyor.pipeline.spec.load.PipelineProblemsTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.fields.FieldFlow;
import io.conveyor.pipeline.spec.fields.RecordFields;
import io.conveyor.pipeline.spec.fields.SourceFields;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every field a rule names is checked on load against the fields that exist at that point of the chain. */
class FieldChecksTest {

    /** A CSV source with declared columns and a transform whose rules start at line 11, column 9. */
    private static String pipeline(String... rules) {
        return """
                name: incidents
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: in.csv, columns: ["Incident ID", "Cost Total $", "Reported On", status]}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - trim: "*"
                """ + Arrays.stream(rules).map(rule -> "      - " + rule + "\n").collect(Collectors.joining());
    }

    @Test
    void rulesNameFieldsAsTheSourceSpellsThemOrByTheirAvroNames() throws Exception {
        PipelineSpec spec = PipelineLoader.parse(pipeline(
                "rename: {from: \"Cost Total $\", to: cost}",
                "coerce: {field: cost, type: \"decimal(10,2)\"}",
                "required: [Incident_ID, \"Reported On\"]"), "incidents.yaml");

        TaskWork.Transform clean = (TaskWork.Transform) spec.task("clean").orElseThrow().work();
        assertThat(clean.rules().get(1)).isEqualTo(new RuleSpec.Rename("Cost Total $", "cost"));
    }

    @Test
    void anUnknownFieldIsRefusedWithTheNearestName() {
        assertThat(problems(pipeline("coerce: {field: \"Cost Totl $\", type: double}"))).containsExactly(
                "orders.yaml:11:25: tasks[1].rules[1].coerce.field: unknown field 'Cost Totl $' (did you mean 'Cost Total $'?)");
    }

    @Test
    void aRenamedFieldIsKnownOnlyUnderItsNewName() {
        assertThat(problems(pipeline("rename: {from: status, to: state}", "allowed: {field: status, values: [open]}")))
                .containsExactly("orders.yaml:12:26: tasks[1].rules[2].allowed.field: unknown field 'status' (did you mean 'state'?)");
    }

    @Test
    void aDroppedFieldIsGoneAndADerivedOneExists() {
        assertThat(problems(pipeline("drop: [status]", "derive: {field: label, expression: \"${Incident_ID}\"}",
                "required: [label, status]"))).containsExactly(
                "orders.yaml:13:27: tasks[1].rules[3].required[1]: unknown field 'status' (did you mean 'label'?)");
    }

    @Test
    void aDownstreamTransformSeesTheFieldsItsUpstreamTransformLeaves() {
        String yaml = pipeline("rename: {from: status, to: state}") + """
                  - id: report
                    kind: transform
                    dependsOn: [clean]
                    rules:
                      - required: [state, status]
                """;
        assertThat(problems(yaml)).containsExactly(
                "orders.yaml:16:27: tasks[2].rules[0].required[1]: unknown field 'status' (did you mean 'state'?)");
    }

    @Test
    void aFieldTheTargetSchemaRequiresMustBeProvided() {
        String yaml = pipeline("rename: {from: \"Incident ID\", to: incident}") + """
                    schema: {type: record, name: Incident, fields: [{name: incident, type: string}, {name: cost, type: string},
                      {name: note, type: ["null", string], default: null}]}
                """;
        assertThat(problems(yaml)).containsExactly("orders.yaml:12:13: tasks[1].schema: field 'cost' is required by the "
                + "schema but no source column or rule provides it (did you mean 'status'?)");
    }

    @Test
    void aRangeOverDatesNeedsTheFieldCoercedToADate() throws Exception {
        assertThat(problems(pipeline("range: {field: \"Reported On\", min: 2020-01-01}"))).containsExactly(
                "orders.yaml:11:24: tasks[1].rules[1].range.field: field 'Reported On' holds string here, the range compares dates: "
                        + "coerce it to date first");
        PipelineLoader.parse(pipeline("coerce: {field: \"Reported On\", type: date, format: \"MMM d yyyy\", locale: en}",
                "range: {field: \"Reported On\", min: 2020-01-01, max: 2026-12-31}"), "incidents.yaml");
    }

    @Test
    void fieldsUnknownAtLoadTimeAreLeftToTheTransformer() throws Exception {
        PipelineLoader.parse("""
                name: incidents
                tasks:
                  - {id: extract, kind: extract, source: {type: csv, path: in.csv}}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - coerce: {field: "Anything At All", type: long}
                """, "incidents.yaml");
    }

    @Test
    void theTransformerSeesTheSameProblemsOnTheRecordsSchema() {
        List<RuleSpec> rules = List.of(new RuleSpec.Rename("Cost Total $", "cost"), new RuleSpec.Email("stauts"));
        FieldFlow.Trace trace = FieldFlow.trace(SourceFields.columns(List.of("Cost Total $", "status")), rules);

        assertThat(trace.problems()).containsExactly(
                new FieldFlow.Problem(1, "stauts", "unknown field 'stauts' (did you mean 'status'?)"));
        assertThat(trace.resolved().get(0)).isEqualTo(new RuleSpec.Rename("Cost_Total__", "cost"));
    }

    @Test
    void theInferredSchemaTypesFieldsByTheirCoercionsAndNullabilityByRequired() {
        FieldFlow.Trace trace = FieldFlow.trace(SourceFields.columns(List.of("Cost Total $", "n", "day", "note")), List.of(
                new RuleSpec.Coerce("Cost Total $", new io.conveyor.pipeline.spec.rule.CoercionType.Decimal(10, 2),
                        java.util.Optional.empty(), java.util.Optional.empty()),
                new RuleSpec.Coerce("n", io.conveyor.pipeline.spec.rule.CoercionType.Basic.INT,
                        java.util.Optional.empty(), java.util.Optional.empty()),
                new RuleSpec.Coerce("day", io.conveyor.pipeline.spec.rule.CoercionType.Basic.DATE,
                        java.util.Optional.empty(), java.util.Optional.empty()),
                new RuleSpec.Required(List.of("n"))));

        assertThat(RecordFields.infer("incidents", "clean", trace.output().orElseThrow()).toString()).isEqualTo(
                "{\"type\":\"record\",\"name\":\"incidents_clean\",\"namespace\":\"io.conveyor.data\",\"fields\":["
                        + "{\"name\":\"Cost_Total__\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                        + "\"precision\":10,\"scale\":2}],\"default\":null},"
                        + "{\"name\":\"n\",\"type\":\"int\"},"
                        + "{\"name\":\"day\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null},"
                        + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    }
}
