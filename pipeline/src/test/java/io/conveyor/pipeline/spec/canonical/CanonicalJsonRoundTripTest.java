package io.conveyor.pipeline.spec.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.pipeline.spec.CatchupPolicy;
import io.conveyor.pipeline.spec.Password;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.RetryPolicy;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.rule.CoercionType;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.sink.WarehouseSink;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.Pagination;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalJsonRoundTripTest {

    private static final Path FIXTURES = Path.of("src/test/resources");
    private static final Path ALL_VARIANTS = FIXTURES.resolve("pipelines/all-variants.yaml");

    static Stream<Path> pipelineFixtures() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            files = walk.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).contains(ALL_VARIANTS);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("pipelineFixtures")
    void everyFixtureReadsBackIntoAnEqualSpecWithTheSameFingerprint(Path fixture) throws Exception {
        assertRoundTrips(PipelineLoader.load(fixture));
    }

    @ParameterizedTest
    @MethodSource("pipelineFixtures")
    void everyTaskReadsBackFromItsOwnCanonicalJsonWhichIsItsElementOfThePipelines(Path fixture) throws Exception {
        PipelineSpec spec = PipelineLoader.load(fixture);

        for (TaskSpec task : spec.tasks()) {
            assertThat(TaskSpec.fromCanonicalJson(task.canonicalJson())).isEqualTo(task);
            assertThat(spec.canonicalJson()).contains(task.canonicalJson());
        }
    }

    @Test
    void theAllVariantsFixtureUsesEveryVariantOfEverySealedType() throws Exception {
        JsonNode tree = JsonMapper.builder().build().readTree(PipelineLoader.load(ALL_VARIANTS).canonicalJson());
        Stream<Class<?>> sealedTypes = Stream.of(TaskWork.class, SourceSpec.class, SinkSpec.class, RuleSpec.class,
                Pagination.class, Password.class, FieldSelection.class, JdbcSource.Relation.class, CoercionType.class);
        List<String> variants = sealedTypes.flatMap(type -> Arrays.stream(type.getPermittedSubclasses()))
                .filter(Class::isRecord).map(Class::getSimpleName).toList();
        List<String> basicCoercions = Arrays.stream(CoercionType.Basic.values())
                .map(basic -> basic.name().toLowerCase(Locale.ROOT)).toList();

        assertThat(tree.findValuesAsText("@type")).containsAll(variants);
        assertThat(tree.findValuesAsText("type")).containsAll(basicCoercions);
    }

    @Test
    void valuesTheLoaderNeverProducesStillRoundTrip() {
        TaskSettings settings = new TaskSettings(TaskSettings.MAX_BATCH_SIZE,
                new RetryPolicy(Integer.MAX_VALUE, Duration.ZERO, Duration.ofNanos(1)), Optional.of(Duration.ofDays(400)),
                Integer.MIN_VALUE, 0.1 + 0.2);
        CsvSource csv = new CsvSource("é/\u0000.csv", true, '"', '\u2028', Optional.of('\''), "UTF-8", false, List.of(),
                Optional.of("\\N"));
        TaskSpec extract = new TaskSpec("x", List.of(), TriggerRule.ALL_SUCCESS, settings, List.of("k"), new TaskWork.Extract(csv));
        TaskSpec transform = new TaskSpec("t", List.of("x"), TriggerRule.ALL_SUCCESS, TaskSettings.DEFAULT, List.of(),
                new TaskWork.Transform(List.of(
                        new RuleSpec.Range("n", Optional.of(new BigDecimal("1E+400")), Optional.of(new BigDecimal("1E+401"))),
                        new RuleSpec.Range("m", Optional.of(new BigDecimal("-0.00")), Optional.empty()),
                        new RuleSpec.Coerce("c", new CoercionType.Decimal(1, 0), Optional.empty(), Optional.of(ZoneOffset.ofHours(-3)))),
                        Optional.empty()));
        TaskSpec load = new TaskSpec("l", List.of("t"), TriggerRule.ALL_SUCCESS, TaskSettings.DEFAULT, List.of(),
                new TaskWork.Load(new WarehouseSink(Optional.empty(), new TableTarget("w", WriteMode.APPEND, List.of("a")))));

        assertRoundTrips(new PipelineSpec("code-built", Optional.of(""), Optional.of(CronSchedule.parse("@hourly")),
                ZoneOffset.ofHoursMinutes(5, 30), CatchupPolicy.ALL, Integer.MAX_VALUE, 1,
                Map.of("", "empty key", "a.b", "dotted"), List.of(load, transform, extract),
                Optional.of(new AlertSpec(Optional.of(Duration.ofMillis(1500)), false, Optional.of(0.0), List.of("ops", "chat")))));
    }

    private static void assertRoundTrips(PipelineSpec spec) {
        String json = spec.canonicalJson();

        PipelineSpec read = PipelineSpec.fromCanonicalJson(json);

        assertThat(read).isEqualTo(spec);
        assertThat(read.canonicalJson()).isEqualTo(json);
        assertThat(read.fingerprint()).isEqualTo(spec.fingerprint());
    }
}
