package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.CatchupPolicy;
import io.conveyor.pipeline.spec.Password;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.RetryPolicy;
import io.conveyor.pipeline.spec.TargetSchema;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.pipeline.spec.rule.CoercionType;
import io.conveyor.pipeline.spec.rule.DuplicateKeep;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.LetterCase;
import io.conveyor.pipeline.spec.rule.PhoneFormat;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.HttpMethod;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.Pagination;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The documented example, {@code src/test/resources/pipelines/orders.yaml}, loads into exactly this model. */
class OrdersExampleTest {

    private static final Path ORDERS = Path.of("src/test/resources/pipelines/orders.yaml");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(2, Duration.ofSeconds(30), Duration.ofMinutes(10));
    private static final TaskSettings DEFAULTS =
            new TaskSettings(1000, DEFAULT_RETRY, Optional.of(Duration.ofHours(1)), 0, 1.0);

    @Test
    void loadsIntoTheExpectedModel() throws Exception {
        PipelineSpec spec = PipelineLoader.load(ORDERS);

        assertThat(spec.name()).isEqualTo("orders");
        assertThat(spec.description()).contains("Nightly orders load");
        assertThat(spec.schedule()).contains(CronSchedule.parse("0 2 * * *"));
        assertThat(spec.timezone()).isEqualTo(BERLIN);
        assertThat(spec.catchup()).isEqualTo(CatchupPolicy.ALL);
        assertThat(spec.maxCatchupRuns()).isEqualTo(7);
        assertThat(spec.maxActiveRuns()).isEqualTo(2);
        assertThat(spec.parameters()).isEqualTo(Map.of("region", "eu", "currency", "EUR"));
        assertThat(spec.tasks()).containsExactly(extractOrders(), extractCustomers(), extractRates(), clean(), load(),
                archive(), refreshReport());
    }

    @Test
    void loadingTheSameFileTwiceGivesEqualSpecsAndFingerprints() throws Exception {
        PipelineSpec first = PipelineLoader.load(ORDERS);
        PipelineSpec second = PipelineLoader.load(ORDERS);
        assertThat(second).isEqualTo(first);
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void topologicalOrderRunsEveryTaskAfterItsDependencies() throws Exception {
        assertThat(PipelineLoader.load(ORDERS).topologicalOrder()).extracting(TaskSpec::id).containsExactly(
                "extract-orders", "extract-customers", "extract-rates", "clean", "load", "archive", "refresh-report");
    }

    private static TaskSpec extractOrders() {
        return new TaskSpec("extract-orders", List.of(), TriggerRule.ALL_SUCCESS,
                new TaskSettings(5000, DEFAULT_RETRY, Optional.of(Duration.ofHours(1)), 10, 1.0), List.of(),
                new TaskWork.Extract(new CsvSource("/data/orders/orders.csv.gz", true, ';', '"', Optional.empty(),
                        "UTF-8", true, List.of(), Optional.of("-"))));
    }

    private static TaskSpec extractCustomers() {
        return new TaskSpec("extract-customers", List.of(), TriggerRule.ALL_SUCCESS, DEFAULTS, List.of(),
                new TaskWork.Extract(new JdbcSource("jdbc:postgresql://crm.internal:5432/crm", Optional.of("etl"),
                        Optional.of(new Password.FromEnv("CRM_PASSWORD")), new JdbcSource.Table("customers"),
                        Optional.of("updated_at"), List.of("customer_id"), 2000)));
    }

    private static TaskSpec extractRates() {
        return new TaskSpec("extract-rates", List.of(), TriggerRule.ALL_SUCCESS,
                new TaskSettings(1000, new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(2)),
                        Optional.of(Duration.ofHours(1)), 0, 1.0), List.of(),
                new TaskWork.Extract(new HttpSource(URI.create("https://rates.example.com/v1/rates"), HttpMethod.GET,
                        Map.of("Accept", "application/json"), "/data/rates",
                        new Pagination.Cursor("after", "/meta/next", Optional.empty()), Optional.of(50))));
    }

    private static TaskSpec clean() {
        return new TaskSpec("clean", List.of("extract-orders", "extract-customers", "extract-rates"), TriggerRule.ALL_SUCCESS,
                new TaskSettings(1000, DEFAULT_RETRY, Optional.of(Duration.ofHours(1)), 0, 0.05), List.of("order_id"),
                new TaskWork.Transform(List.of(
                        new RuleSpec.Rename("OrderID", "order_id"),
                        new RuleSpec.Drop(List.of("internal_note")),
                        new RuleSpec.Trim(new FieldSelection.All()),
                        new RuleSpec.NullTokens(new FieldSelection.All(), List.of("", "N/A")),
                        new RuleSpec.Coerce("order_id", CoercionType.Basic.LONG, Optional.empty(), Optional.empty()),
                        new RuleSpec.Coerce("amount", new CoercionType.Decimal(12, 2), Optional.empty(), Optional.empty()),
                        new RuleSpec.Coerce("ordered_at", CoercionType.Basic.TIMESTAMP, Optional.of("dd.MM.yyyy HH:mm"),
                                Optional.of(BERLIN)),
                        new RuleSpec.Case(new FieldSelection.Named(List.of("country")), LetterCase.UPPER),
                        new RuleSpec.CollapseSpaces(new FieldSelection.Named(List.of("customer_name"))),
                        new RuleSpec.Default("channel", "web"),
                        new RuleSpec.Email("email"),
                        new RuleSpec.Phone("phone", "DE", PhoneFormat.INTERNATIONAL),
                        new RuleSpec.Required(List.of("order_id", "amount")),
                        new RuleSpec.Regex("sku", "[A-Z]{3}-\\d{4}"),
                        new RuleSpec.Range("amount", Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("100000.5"))),
                        new RuleSpec.Allowed("status", List.of("open", "paid", "shipped")),
                        new RuleSpec.Length("customer_name", Optional.empty(), Optional.of(200)),
                        new RuleSpec.Dedupe(List.of("order_id"), DuplicateKeep.LAST),
                        new RuleSpec.Derive("amount_cents", "amount * 100"),
                        new RuleSpec.Custom("com.example.FxConvert", Map.of("target", "EUR"))),
                        Optional.of(orderSchema())));
    }

    private static TargetSchema orderSchema() {
        try {
            return TargetSchema.of(new Schema.Parser().parse(Files.readString(ORDERS.resolveSibling("order.avsc"))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TaskSpec load() {
        return new TaskSpec("load", List.of("clean"), TriggerRule.ALL_SUCCESS,
                new TaskSettings(1000, DEFAULT_RETRY, Optional.of(Duration.ofMinutes(30)), 0, 1.0), List.of("order_id"),
                new TaskWork.Load(new PostgresSink("jdbc:postgresql://127.0.0.1:5432/warehouse", Optional.of("postgres"),
                        Optional.empty(), "public", new TableTarget("orders", WriteMode.UPSERT, List.of("order_id")))));
    }

    private static TaskSpec archive() {
        return new TaskSpec("archive", List.of("clean"), TriggerRule.ALL_DONE, DEFAULTS, List.of(),
                new TaskWork.Load(new FileSink("/archive/orders.parquet", FileFormat.PARQUET)));
    }

    private static TaskSpec refreshReport() {
        return new TaskSpec("refresh-report", List.of("load"), TriggerRule.NONE_FAILED, DEFAULTS, List.of(),
                new TaskWork.Sql("REFRESH MATERIALIZED VIEW order_report"));
    }
}
