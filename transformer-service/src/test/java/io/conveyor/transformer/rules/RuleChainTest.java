package io.conveyor.transformer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.transformer.cleanse.EmailNormaliser;
import io.conveyor.transformer.cleanse.NullTokens;
import io.conveyor.transformer.cleanse.TextCleanup;
import io.conveyor.transformer.coerce.Coercions;
import io.conveyor.transformer.dedupe.DedupeMode;
import io.conveyor.transformer.dedupe.DedupeRule;
import io.conveyor.transformer.dedupe.InMemorySeenKeys;
import io.conveyor.transformer.derive.DeriveRule;
import io.conveyor.transformer.plugin.PluginRule;
import io.conveyor.transformer.plugin.RecordTransform;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.schema.SchemaEnforcer;
import io.conveyor.transformer.structure.DropRule;
import io.conveyor.transformer.structure.RenameRule;
import io.conveyor.transformer.validate.AllowedValues;
import io.conveyor.transformer.validate.RequiredRule;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class RuleChainTest {

    private static final Schema CSV = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderLine", "fields": [
              {"name": "id", "type": ["null", "string"]}, {"name": "e_mail", "type": ["null", "string"]},
              {"name": "amount", "type": ["null", "string"]}, {"name": "created", "type": ["null", "string"]},
              {"name": "country", "type": ["null", "string"]}, {"name": "tmp", "type": ["null", "string"]}]}
            """);

    private static final Schema TARGET = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"},
              {"name": "email", "type": "string"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "created", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
              {"name": "country", "type": "string"},
              {"name": "label", "type": "string"}]}
            """);

    private static final TransformContext CONTEXT = new TransformContext("orders", "run-1", "transform");

    /** Drops test orders; throws on a poison value to show how a failing custom transform is reported. */
    public static final class SkipTestOrders implements RecordTransform {
        @Override
        public Verdict apply(Row row, TransformContext context) {
            if ("boom".equals(row.get("tmp"))) {
                throw new IllegalStateException("poison record");
            }
            return "test".equals(row.get("tmp")) ? Verdict.drop("test order") : Verdict.keep();
        }
    }

    private final RuleChain chain = new RuleChain(List.of(
            new FieldRule(Fields.all(), NullTokens.defaults()),
            new FieldRule(Fields.all(), TextCleanup.TRIM),
            new RenameRule("e_mail", "email"),
            new RequiredRule(List.of("id", "email")),
            FieldRule.of(Coercions.forType("long"), "id"),
            FieldRule.of(Coercions.forType("decimal(10,2)"), "amount"),
            FieldRule.of(Coercions.forType("timestamp"), "created"),
            FieldRule.of(new EmailNormaliser(), "email"),
            new DedupeRule(List.of("id"), DedupeMode.KEEP_FIRST, new InMemorySeenKeys()),
            new PluginRule(new SkipTestOrders()),
            FieldRule.of(new AllowedValues(List.of("DE", "FR", "US"), true), "country"),
            new DeriveRule("label", "${id}-${upper(country)}"),
            new DropRule(List.of("tmp"))),
            new SchemaEnforcer(TARGET));

    private static GenericRecord line(String id, String email, String amount, String created, String country, String tmp) {
        GenericRecord record = new GenericData.Record(CSV);
        record.put("id", id == null ? null : new Utf8(id));
        record.put("e_mail", email);
        record.put("amount", amount);
        record.put("created", created);
        record.put("country", country);
        record.put("tmp", tmp);
        return record;
    }

    @Test
    void acceptsACleanRowAndBuildsTheTargetRecord() {
        Outcome outcome = chain.apply(line(" 42 ", " Ann@Example.com", "19.9", "2024-03-01T10:00:00+01:00", "de", "x"), CONTEXT);

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        GenericRecord record = ((Outcome.Accepted) outcome).record();
        assertThat(record.getSchema()).isEqualTo(TARGET);
        assertThat(record.get("id")).isEqualTo(42L);
        assertThat(record.get("email")).isEqualTo("ann@example.com");
        Schema amountSchema = TARGET.getField("amount").schema();
        assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) record.get("amount"), amountSchema,
                amountSchema.getLogicalType())).isEqualTo(new BigDecimal("19.90"));
        assertThat(record.get("created")).isEqualTo(Instant.parse("2024-03-01T09:00:00Z").toEpochMilli());
        assertThat(record.get("label")).isEqualTo("42-DE");
    }

    @Test
    void sortsAMixedBatchIntoAcceptedRejectedDuplicateAndDropped() {
        List<Outcome> outcomes = List.of(
                line("1", "a@example.com", "10", null, "FR", null),
                line("2", "b@example.com", "12.345", null, "FR", null),
                line("3", "not-an-email", "5", null, "US", null),
                line("1", "a2@example.com", "11", null, "FR", null),
                line("4", "N/A", "5", null, "US", null),
                line("5", "e@example.com", "5", null, "US", "test"),
                line("6", "f@example.com", "5", "yesterday", "US", null),
                line("7", "g@example.com", "5", null, "GB", null),
                line("8", "h@example.com", null, null, "DE", null),
                line("9", "i@example.com", "1", null, "DE", "boom"))
                .stream().map(record -> chain.apply(record, CONTEXT)).toList();

        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Accepted.class);
        assertThat(outcomes.get(1)).isEqualTo(rejected("coerce#6", "amount",
                "cannot coerce \"12.345\" to decimal(10,2): has more than 2 decimal places", null));
        assertThat(outcomes.get(2)).isEqualTo(rejected("email#8", "email",
                "\"not-an-email\" is not a valid e-mail address", null));
        assertThat(outcomes.get(3)).isEqualTo(new Outcome.Duplicate("dedupe#9", "id=1"));
        assertThat(outcomes.get(4)).isEqualTo(rejected("required#4", "email", "required field is null", null));
        assertThat(outcomes.get(5)).isEqualTo(new Outcome.Dropped("custom:SkipTestOrders#10", "test order"));
        assertThat(outcomes.get(6)).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().rule()).isEqualTo("coerce#7");
            assertThat(rejected.rejection().exceptionClass()).isEqualTo("java.time.format.DateTimeParseException");
        });
        assertThat(outcomes.get(7)).isEqualTo(rejected("allowed-values#11", "country",
                "\"GB\" is not one of [de, fr, us] (ignoring case)", null));
        assertThat(outcomes.get(8)).isEqualTo(rejected(RuleChain.SCHEMA_RULE, "amount",
                "field 'amount' (decimal(10,2)): required but null", null));
        assertThat(outcomes.get(9)).isEqualTo(rejected("custom:SkipTestOrders#10", null,
                "rule failed: poison record", "java.lang.IllegalStateException"));
    }

    @Test
    void theFirstRejectingRuleEndsTheChain() {
        Row row = new Row();
        row.put("id", "x");
        row.put("e_mail", "bad");

        Outcome outcome = chain.apply(row, CONTEXT);

        assertThat(outcome).isEqualTo(rejected("coerce#5", "id", "cannot coerce \"x\" to long: not a number", null));
        assertThat(row.get("email")).isEqualTo("bad");
    }

    @Test
    void labelsRulesByKindAndOneBasedPosition() {
        assertThat(chain.label(0)).isEqualTo("null-tokens#1");
        assertThat(chain.label(12)).isEqualTo("drop#13");
    }

    private static Outcome rejected(String rule, String field, String message, String exceptionClass) {
        return new Outcome.Rejected(new Rejection("TRANSFORM", rule, field, message, exceptionClass));
    }
}
