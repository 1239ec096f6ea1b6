package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each kind of mistake is refused with file, line, column and field path. */
class PipelineProblemsTest {

    /** The problems of a file of the user's own. */
    static List<String> problems(String yaml) {
        return Snippets.refused(yaml, Trust.LOCAL_FILE);
    }

    @Nested
    class Yaml {

        @Test
        void syntaxError() {
            assertThat(problems("""
                    name: orders
                      kind: extract
                    """)).containsExactly("orders.yaml:2:7: invalid YAML: mapping values are not allowed here");
        }

        @Test
        void emptyFile() {
            assertThat(problems("# nothing here\n")).containsExactly("orders.yaml:1:1: the file holds no YAML document");
        }

        @Test
        void topLevelMustBeAMap() {
            assertThat(problems("- orders\n")).containsExactly("orders.yaml:1:1: expected a map, got a list");
        }

        @Test
        void duplicateKey() {
            assertThat(problems("""
                    name: orders
                    name: again
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                    """)).containsExactly("orders.yaml:2:1: name: duplicate key (first given at line 1)");
        }
    }

    @Nested
    class Keys {

        @Test
        void unknownKeyWithADifferentCaseIsCorrected() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        batchsize: 10
                        source: {type: parquet, path: in.parquet}
                    """)).containsExactly("orders.yaml:5:5: tasks[0].batchsize: unknown key (did you mean 'batchSize'?)");
        }

        @Test
        void unknownNestedKeyListsTheKnownOnes() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        source: {type: parquet, path: in.parquet, header: true}
                    """)).containsExactly(
                    "orders.yaml:5:47: tasks[0].source.header: unknown key (expected one of type, path)");
        }

        @Test
        void unknownTopLevelKey() {
            assertThat(problems("""
                    name: orders
                    schedul: "0 2 * * *"
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                    """)).containsExactly("orders.yaml:2:1: schedul: unknown key (expected one of name, description,"
                    + " schedule, timezone, catchup, maxCatchupRuns, maxActiveRuns, parameters, defaults, tasks, alerts)");
        }

        @Test
        void missingRequiredKeyIsReportedWhereItsMapStarts() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        source: {type: parquet, path: in.parquet}
                    """)).containsExactly("orders.yaml:3:5: tasks[0].kind: missing required key");
        }

        @Test
        void missingPipelineName() {
            assertThat(problems("""
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                    """)).containsExactly("orders.yaml:1:1: name: missing required key");
        }

        @Test
        void sectionRequiredByTheTaskKind() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                    """)).containsExactly("orders.yaml:3:5: tasks[0].source: missing required key for tasks of kind extract");
        }

        @Test
        void sectionOfAnotherTaskKind() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        source: {type: parquet, path: in.parquet}
                      - id: clean
                        kind: transform
                        dependsOn: [extract]
                        source: {type: parquet, path: other.parquet}
                    """)).containsExactly("orders.yaml:9:5: tasks[1].source: only allowed in tasks of kind extract");
        }
    }

    @Nested
    class Types {

        @Test
        void wrongTypesAreNamedWithWhatWasFound() {
            assertThat(problems("""
                    name: orders
                    description: [nightly, load]
                    tasks:
                      - id: extract
                        kind: extract
                        batchSize: lots
                        dependsOn: extract-first
                        source: {type: parquet, path: in.parquet}
                    """)).containsExactly(
                    "orders.yaml:2:14: description: expected a string, got a list",
                    "orders.yaml:6:16: tasks[0].batchSize: expected an integer, got 'lots'",
                    "orders.yaml:7:16: tasks[0].dependsOn: expected a list, got 'extract-first'");
        }

        @Test
        void fractionalBatchSize() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - {id: a, kind: sql, sql: select 1, batchSize: 2.5}
                    """)).containsExactly("orders.yaml:3:50: tasks[0].batchSize: expected an integer, got '2.5'");
        }

        @Test
        void numberOutOfRange() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        batchSize: 0
                        source: {type: parquet, path: in.parquet}
                    """)).containsExactly("orders.yaml:5:16: tasks[0].batchSize: must be between 1 and 1000000, got 0");
        }

        @Test
        void rejectThresholdOutOfRange() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        rejectThreshold: 150%
                        source: {type: parquet, path: in.parquet}
                    """)).containsExactly("orders.yaml:5:22: tasks[0].rejectThreshold:"
                    + " must be a fraction from 0 to 1 or a percentage from 0% to 100%");
        }

        @Test
        void badDurationInDefaults() {
            assertThat(problems("""
                    name: orders
                    defaults:
                      retryBackoff: 30 seconds
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                    """)).containsExactly("orders.yaml:3:17: defaults.retryBackoff: invalid duration '30 seconds'"
                    + " (expected e.g. 500ms, 30s, 5m, 2h, 1d or ISO-8601 such as PT30S)");
        }

        @Test
        void inheritedContradictionIsReportedOnceWhereItIsWritten() {
            assertThat(problems("""
                    name: orders
                    defaults:
                      retryBackoff: 5m
                      maxRetryBackoff: 1m
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                      - {id: b, kind: sql, sql: select 2}
                    """)).containsExactly(
                    "orders.yaml:4:20: defaults.maxRetryBackoff: maxRetryBackoff PT1M is shorter than retryBackoff PT5M");
        }

        @Test
        void unknownEnumValueListsTheChoices() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        source: {type: parquet, path: in.parquet}
                      - id: clean
                        kind: transform
                        dependsOn: [extract]
                      - id: load
                        kind: load
                        dependsOn: [clean]
                        sink:
                          type: postgres
                          url: jdbc:postgresql://localhost/dw
                          table: orders
                          mode: upsrt
                    """)).containsExactly(
                    "orders.yaml:16:13: tasks[2].sink.mode: unknown value 'upsrt' (expected one of append, upsert, replace)");
        }
    }

    @Nested
    class Names {

        @Test
        void pipelineAndTaskNamesMustBeTopicSafe() {
            String rule = "(lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters)";
            assertThat(problems("""
                    name: Orders
                    tasks:
                      - id: Extract Orders
                        kind: extract
                        source: {type: parquet, path: in.parquet}
                    """)).containsExactly(
                    "orders.yaml:1:7: name: invalid name 'Orders' " + rule,
                    "orders.yaml:3:9: tasks[0].id: invalid name 'Extract Orders' " + rule);
        }
    }

    @Nested
    class Dependencies {

        @Test
        void cycleIsNamed() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: a
                        kind: sql
                        sql: select 1
                        dependsOn: [b]
                      - id: b
                        kind: sql
                        sql: select 2
                        dependsOn: [a]
                    """)).containsExactly("orders.yaml:6:17: tasks[0].dependsOn[0]: dependency cycle: a -> b -> a");
        }

        @Test
        void danglingDependency() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        source: {type: parquet, path: in.parquet}
                      - id: load
                        kind: sql
                        sql: select 1
                        dependsOn: [extrct]
                    """)).containsExactly("orders.yaml:9:17: tasks[1].dependsOn[0]: unknown task 'extrct' (tasks are: extract, load)");
        }

        @Test
        void duplicateTaskId() {
            assertThat(problems("""
                    name: orders
                    tasks:
                      - id: extract
                        kind: extract
                        source: {type: parquet, path: in.parquet}
                      - id: extract
                        kind: sql
                        sql: select 1
                    """)).containsExactly("orders.yaml:6:9: tasks[1].id: duplicate task id 'extract' (first defined at line 3)");
        }
    }

    @Nested
    class Scheduling {

        @Test
        void badCronPointsAtTheOffendingCharacter() {
            assertThat(problems("""
                    name: orders
                    schedule: "0 2 * * 8"
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                    """)).containsExactly("orders.yaml:2:20: schedule: invalid cron expression:"
                    + " day-of-week field '8': value out of range 0-7 (position 9)");
        }

        @Test
        void unknownTimeZone() {
            assertThat(problems("""
                    name: orders
                    timezone: Europe/Berln
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                    """)).containsExactly("orders.yaml:2:11: timezone: unknown time zone 'Europe/Berln'"
                    + " (expected an IANA zone id such as Europe/Berlin)");
        }

        @Test
        void catchupNeedsASchedule() {
            assertThat(problems("""
                    name: orders
                    catchup: all
                    tasks:
                      - {id: a, kind: sql, sql: select 1}
                    """)).containsExactly("orders.yaml:2:10: catchup: catch-up needs a schedule");
        }
    }

    @Test
    void everyProblemIsReportedTogetherInFileOrder() {
        PipelineValidationException refused = catchThrowableOfType(() -> PipelineLoader.parse("""
                name: Orders
                schedule: "61 2 * * *"
                timezone: Mars/Olympus
                tasks:
                  - id: extract
                    kind: extract
                    batchSize: -1
                    source: {type: xml, path: in.xml}
                  - id: load
                    kind: load
                    dependsOn: [load]
                    retries: many
                    sink: {type: kafka, topic: "orders out"}
                """, "orders.yaml"), PipelineValidationException.class);

        List<String> expected = List.of(
                "orders.yaml:1:7: name: invalid name 'Orders' (lower-case letters, digits, '_' and '-',"
                        + " starting with a letter or digit, at most 64 characters)",
                "orders.yaml:2:12: schedule: invalid cron expression: minute field '61': value out of range 0-59 (position 1)",
                "orders.yaml:3:11: timezone: unknown time zone 'Mars/Olympus' (expected an IANA zone id such as Europe/Berlin)",
                "orders.yaml:7:16: tasks[0].batchSize: must be between 1 and 1000000, got -1",
                "orders.yaml:8:20: tasks[0].source.type: unknown value 'xml' (expected one of csv, jsonl, json, parquet, jdbc, http)",
                "orders.yaml:11:17: tasks[1].dependsOn[0]: dependency cycle: load -> load",
                "orders.yaml:12:14: tasks[1].retries: expected an integer, got 'many'",
                "orders.yaml:13:32: tasks[1].sink.topic: invalid Kafka topic name 'orders out'"
                        + " (letters, digits, '.', '_' and '-', at most 249)");
        assertThat(refused.problems()).extracting(Problem::toString).containsExactlyElementsOf(expected);
        assertThat(refused).hasMessage(String.join("\n", expected));
    }
}
