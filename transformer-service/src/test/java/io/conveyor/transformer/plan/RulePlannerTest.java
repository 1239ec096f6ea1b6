package io.conveyor.transformer.plan;

import io.conveyor.transformer.plugin.PluginAllowList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.transformer.dedupe.InMemorySeenKeys;
import io.conveyor.transformer.plugin.PluginLoader;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Outcome;
import io.conveyor.transformer.rules.RuleChain;
import io.conveyor.transformer.rules.TransformContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RulePlannerTest {

    private static final String PIPELINE = """
            name: people
            tasks:
              - id: clean
                kind: transform
                rules:
                  - rename: {from: Name, to: name}
                  - drop: [junk]
                  - trim: "*"
                  - nullTokens: {tokens: ["", "N/A"]}
                  - default: {field: status, value: open}
                  - case: {fields: [country], to: upper}
                  - collapseSpaces: [name]
                  - coerce: {field: id, type: long}
                  - coerce: {field: score, type: "decimal(5,1)"}
                  - required: [id, name]
                  - regex: {field: code, pattern: '[A-Z]{2}\\d'}
                  - range: {field: score, min: 0, max: 100}
                  - allowed: {field: status, values: [open, closed]}
                  - length: {field: name, max: 20}
                  - email: {field: email}
                  - phone: {field: phone, region: DE, format: e164}
                  - dedupe: {key: [id], keep: first}
                  - derive: {field: label, expression: "${name}/${country}"}
                schema: {type: record, name: Person, fields: [
                    {name: id, type: long}, {name: name, type: string}, {name: country, type: string},
                    {name: status, type: string}, {name: code, type: string}, {name: email, type: string},
                    {name: phone, type: string}, {name: label, type: string},
                    {name: score, type: {type: bytes, logicalType: decimal, precision: 5, scale: 1}}]}
            """;

    private final RulePlanner planner = new RulePlanner(PluginLoader.fromClasspath(PluginAllowList.of("io.conveyor.transformer.plugin.PluginLoaderTest$*")), new InMemorySeenKeys());
    private final TransformContext context = new TransformContext("people", "people@m-1", "clean");

    @Test
    void plansEveryRuleInOrderSoACleanRowIsAccepted() throws Exception {
        RuleChain chain = chain();

        Outcome outcome = chain.apply(row(Map.of("id", " 7 ", "Name", " Ada   Lovelace ", "country", "gb",
                "score", "99.5", "code", "AB1", "email", "Ada@Example.COM", "phone", "030 1234567", "junk", "x")), context);

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        GenericRecord record = ((Outcome.Accepted) outcome).record();
        assertThat(record.get("id")).isEqualTo(7L);
        assertThat(record.get("name")).hasToString("Ada Lovelace");
        assertThat(record.get("status")).hasToString("open");
        assertThat(record.get("country")).hasToString("GB");
        assertThat(record.get("phone")).hasToString("+49301234567");
        assertThat(record.get("label")).hasToString("Ada Lovelace/GB");
    }

    @Test
    void rejectionsNameTheRuleByItsPositionInTheTask() throws Exception {
        RuleChain chain = chain();

        Outcome badScore = chain.apply(row(Map.of("id", "1", "Name", "Bob", "country", "de", "score", "100.5",
                "code", "AB1", "email", "b@x.org", "phone", "0301234567")), context);
        Outcome badCode = chain.apply(row(Map.of("id", "2", "Name", "Bob", "country", "de", "score", "1",
                "code", "abc", "email", "b@x.org", "phone", "0301234567")), context);
        Outcome missingId = chain.apply(row(Map.of("id", "N/A", "Name", "Bob")), context);

        assertThat(((Outcome.Rejected) badScore).rejection().rule()).isEqualTo("range#12");
        assertThat(((Outcome.Rejected) badScore).rejection().field()).isEqualTo("score");
        assertThat(((Outcome.Rejected) badCode).rejection().rule()).isEqualTo("regex#11");
        assertThat(((Outcome.Rejected) missingId).rejection().rule()).isEqualTo("required#10");
    }

    @Test
    void aRepeatedKeyIsADuplicate() throws Exception {
        RuleChain chain = chain();
        Map<String, Object> person = Map.of("id", "3", "Name", "Cy", "country", "fr", "score", "1", "code", "AB1",
                "email", "c@x.org", "phone", "0301234567");

        chain.apply(row(person), context);

        assertThat(chain.apply(row(person), context)).isInstanceOf(Outcome.Duplicate.class);
    }

    @Test
    void anInvalidRuleIsReportedWithItsPosition() {
        List<RuleSpec> specs = List.of(new RuleSpec.Trim(new FieldSelection.All()),
                new RuleSpec.Range("score", Optional.of(BigDecimal.TEN), Optional.of(BigDecimal.ONE)));

        assertThatThrownBy(() -> planner.rules(specs))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("rule #2 (range)");
    }

    @Test
    void anUnknownPluginClassIsAnInvalidRule() throws Exception {
        TaskWork.Transform work = transform(PIPELINE.replace("- drop: [junk]",
                "- custom: {class: com.example.Missing, config: {}}"));

        assertThatThrownBy(() -> planner.rules(work.rules()))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("rule #2 (custom)");
    }

    @Test
    void theNewRulesArePlannedFromTheFile() throws Exception {
        RuleChain chain = planner.chain(transform("""
                name: people
                tasks:
                  - id: clean
                    kind: transform
                    rules:
                      - filter: {drop: "status == 'test'"}
                      - allowed: {field: status, values: [OPEN, CLOSED], ignoreCase: true}
                      - coerce: {field: joined, type: date, format: "d MMMM yyyy", locale: fr}
                      - range: {field: joined, min: 2020-01-01, max: 2026-12-31}
                      - range: {field: score, max: 100}
                """).rules(), new Schema.Parser().parse("""
                {"type": "record", "name": "P", "fields": [{"name": "status", "type": "string"},
                  {"name": "joined", "type": {"type": "int", "logicalType": "date"}}]}"""));

        assertThat(chain.apply(row(Map.of("status", "test", "joined", "x")), context))
                .isEqualTo(new Outcome.Dropped("filter#1", "matches status == 'test'"));
        assertThat(chain.apply(row(Map.of("status", "Open", "joined", "12 juin 2024")), context))
                .isInstanceOf(Outcome.Accepted.class);
        assertThat(((Outcome.Rejected) chain.apply(row(Map.of("status", "open", "joined", "1 janvier 2019")), context))
                .rejection().message()).isEqualTo("2019-01-01 (LocalDate) is less than the minimum 2020-01-01");
        assertThat(((Outcome.Rejected) chain.apply(row(Map.of("status", "open", "joined", "1 mai 2024", "score",
                new BigDecimal("100.5"))), context)).rejection().message())
                .isEqualTo("100.5 (BigDecimal) is greater than the maximum 100");
    }

    private RuleChain chain() throws Exception {
        TaskWork.Transform work = transform(PIPELINE);
        Schema target = work.schema().orElseThrow().avroSchema();
        return planner.chain(work.rules(), target);
    }

    private static TaskWork.Transform transform(String yaml) throws Exception {
        return (TaskWork.Transform) PipelineLoader.parse(yaml, "people.yaml").task("clean").orElseThrow().work();
    }

    private static Row row(Map<String, Object> values) {
        return Row.of(new LinkedHashMap<>(values));
    }
}
