package io.conveyor.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.conveyor.control.TaskStatusType;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class JdbcExtractionTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "extract_" + Long.toString(System.nanoTime(), 36);

    @BeforeAll
    static void createSchema() throws SQLException {
        sql("CREATE SCHEMA " + SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        sql("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void readsATableInKeyOrderWithItsColumnTypes(ConveyorStack stack) throws Exception {
        sql("CREATE TABLE " + SCHEMA + ".products (id bigint PRIMARY KEY, name text, price numeric(10,2), "
                + "added timestamp, active boolean, stock int)");
        sql("INSERT INTO " + SCHEMA + ".products VALUES (3, 'c', 3.50, '2024-01-03 10:00:00', true, 7), "
                + "(1, 'a', 1.25, '2024-01-01 10:00:00', false, NULL), (2, NULL, NULL, NULL, NULL, 0), "
                + "(5, 'e', 5, '2024-01-05 10:00:00', true, 1), (4, 'd', 4, '2024-01-04 10:00:00', true, 2)");
        ExtractorHarness harness = new ExtractorHarness(stack, "shop");
        String output = harness.createOutput("products", 2);
        String config = TaskConfigs.canonicalTaskJson("shop", """
                  - id: products
                    kind: extract
                    batchSize: 3
                    key: [id]
                    source: {type: jdbc, url: "%s", user: postgres, table: %s.products, keyColumns: [id], fetchSize: 2}
                """.formatted(URL, SCHEMA));
        try (ApplicationContext extractor = harness.startExtractor("j1")) {
            harness.start("shop@m-1", "products", config);
            harness.awaitState("shop@m-1", "products", TaskStatusType.SUCCEEDED);
        }
        List<ConsumerRecord<byte[], byte[]>> records = harness.readAll(output);
        List<GenericRecord> rows = records.stream().filter(r -> !ExtractorHarness.isEnd(r))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false))
                .sorted((a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id"))).toList();
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(1L, 2L, 3L, 4L, 5L);
        GenericRecord third = rows.get(2);
        assertThat(third.get("name").toString()).isEqualTo("c");
        assertThat(third.get("active")).isEqualTo(true);
        assertThat(third.get("stock")).isEqualTo(7);
        Schema price = third.getSchema().getField("price").schema().getTypes().get(1);
        assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) third.get("price"), price,
                LogicalTypes.fromSchema(price))).isEqualByComparingTo(new BigDecimal("3.50"));
        assertThat(third.getSchema().getField("added").schema().getTypes().get(1).getLogicalType().getName())
                .isEqualTo("local-timestamp-micros");
        assertThat(rows.get(1).get("name")).isNull();
        assertThat(rows.get(0).get("stock")).isNull();
        CsvExtractionTest.assertEndMarkers(records, 2);
    }

    @Test
    void everyPostgresColumnTypeBecomesTheAvroTypeThatKeepsItsValueAndZoneSemantics(ConveyorStack stack) throws Exception {
        sql("CREATE TABLE " + SCHEMA + ".typed (id int PRIMARY KEY, b boolean, s smallint, i integer, l bigint, r real,"
                + " d double precision, n numeric(12,2), t text, v varchar(10), day date, tod time, todz timetz,"
                + " wall timestamp, instant timestamptz, ref uuid, raw bytea, doc jsonb)");
        sql("INSERT INTO " + SCHEMA + ".typed VALUES (1, true, -32768, 2147483647, 9007199254740993, 1.5, 0.1, -12345.67,"
                + " 'Zoë', 'v', '2024-02-29', '23:59:59.999999', '10:00:00+02', '2024-03-31 02:30:00.123456',"
                + " '2024-05-06 07:08:09.123456+02', '6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', '\\x0001ff', '{\"a\": 1}'),"
                + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        ExtractorHarness harness = new ExtractorHarness(stack, "typed");
        String output = harness.createOutput("typed", 1);
        try (ApplicationContext extractor = harness.startExtractor("j4")) {
            harness.start("typed@m-1", "typed", TaskConfigs.canonicalTaskJson("typed", """
                      - id: typed
                        kind: extract
                        source: {type: jdbc, url: "%s", user: postgres, table: %s.typed, keyColumns: [id]}
                    """.formatted(URL, SCHEMA)));
            harness.awaitState("typed@m-1", "typed", TaskStatusType.SUCCEEDED);
        }
        List<GenericRecord> rows = harness.readAll(output).stream().filter(r -> !ExtractorHarness.isEnd(r))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false)).toList();
        GenericRecord typed = rows.get(0);
        Map<String, String> types = new LinkedHashMap<>();
        typed.getSchema().getFields().forEach(field -> {
            Schema type = field.schema().getTypes().get(1);
            types.put(field.name(), type.getLogicalType() == null ? type.getType().getName()
                    : type.getType().getName() + " " + type.getLogicalType().getName());
        });
        assertThat(types).containsExactly(entry("id", "int"), entry("b", "boolean"), entry("s", "int"), entry("i", "int"),
                entry("l", "long"), entry("r", "float"), entry("d", "double"), entry("n", "bytes decimal"),
                entry("t", "string"), entry("v", "string"), entry("day", "int date"), entry("tod", "long time-micros"),
                entry("todz", "string"), entry("wall", "long local-timestamp-micros"),
                entry("instant", "long timestamp-micros"), entry("ref", "string uuid"), entry("raw", "bytes"),
                entry("doc", "string"));
        assertThat(typed.get("b")).isEqualTo(true);
        assertThat(typed.get("s")).isEqualTo(-32768);
        assertThat(typed.get("l")).isEqualTo(9_007_199_254_740_993L);
        assertThat(typed.get("r")).isEqualTo(1.5f);
        assertThat(typed.get("d")).isEqualTo(0.1);
        Schema decimal = typed.getSchema().getField("n").schema().getTypes().get(1);
        assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) typed.get("n"), decimal,
                decimal.getLogicalType())).isEqualTo(new BigDecimal("-12345.67"));
        assertThat(typed.get("t")).hasToString("Zoë");
        assertThat(typed.get("day")).isEqualTo((int) LocalDate.parse("2024-02-29").toEpochDay());
        assertThat(typed.get("tod")).isEqualTo(LocalTime.parse("23:59:59.999999").toNanoOfDay() / 1000);
        assertThat(typed.get("todz")).hasToString("10:00:00+02");
        assertThat(typed.get("wall")).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH,
                LocalDateTime.parse("2024-03-31T02:30:00.123456").toInstant(ZoneOffset.UTC)));
        assertThat(typed.get("instant")).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH,
                Instant.parse("2024-05-06T05:08:09.123456Z")));
        assertThat(typed.get("ref")).hasToString("6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(typed.get("raw")).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}));
        assertThat(typed.get("doc")).hasToString("{\"a\": 1}");
        GenericRecord nulls = rows.get(1);
        assertThat(nulls.getSchema().getFields().stream().skip(1).map(field -> nulls.get(field.pos()))).containsOnlyNulls();
    }

    @Test
    void anIncrementalRunReadsOnlyRowsAboveTheLastSuccessfulRunsWatermark(ConveyorStack stack) throws Exception {
        sql("CREATE TABLE " + SCHEMA + ".customers (id int PRIMARY KEY, name text, updated_at timestamp NOT NULL)");
        sql("INSERT INTO " + SCHEMA + ".customers VALUES (1, 'ann', '2024-01-01 00:00:00'), (2, 'bob', '2024-01-02 00:00:00'), "
                + "(3, 'cid', '2024-01-03 00:00:00')");
        ExtractorHarness harness = new ExtractorHarness(stack, "crm");
        String output = harness.createOutput("customers", 1);
        String config = TaskConfigs.canonicalTaskJson("crm", """
                  - id: customers
                    kind: extract
                    batchSize: 2
                    source: {type: jdbc, url: "%s", user: postgres, table: %s.customers, watermarkColumn: updated_at,
                             keyColumns: [id], fetchSize: 2}
                """.formatted(URL, SCHEMA));
        try (ApplicationContext extractor = harness.startExtractor("j2")) {
            harness.start("crm@m-1", "customers", config);
            harness.awaitState("crm@m-1", "customers", TaskStatusType.SUCCEEDED);
            sql("UPDATE " + SCHEMA + ".customers SET name = 'bobby', updated_at = '2024-02-01 00:00:00' WHERE id = 2");
            sql("INSERT INTO " + SCHEMA + ".customers VALUES (4, 'dan', '2024-02-02 00:00:00')");
            harness.start("crm@m-2", "customers", config);
            harness.awaitState("crm@m-2", "customers", TaskStatusType.SUCCEEDED);
            harness.start("crm@m-3", "customers", config);
            harness.awaitState("crm@m-3", "customers", TaskStatusType.SUCCEEDED);
        }
        List<ConsumerRecord<byte[], byte[]>> records = harness.readAll(output);
        assertThat(names(harness, output, records, "crm@m-1")).containsExactly("ann", "bob", "cid");
        assertThat(names(harness, output, records, "crm@m-2")).containsExactly("bobby", "dan");
        assertThat(names(harness, output, records, "crm@m-3")).isEmpty();
        assertThat(records.stream().filter(ExtractorHarness::isEnd)).hasSize(3);
        LocalDateTime lastUpdate = (LocalDateTime) new TimeConversions.LocalTimestampMicrosConversion()
                .fromLong((Long) harness.<GenericRecord>decode(output, records.get(records.size() - 3).value(), false).get("updated_at"),
                        null, LogicalTypes.localTimestampMicros());
        assertThat(lastUpdate).isEqualTo(LocalDateTime.parse("2024-02-02T00:00:00"));
    }

    @Test
    void aRowWithAValueAvroCannotHoldIsRejectedWithItsKey(ConveyorStack stack) throws Exception {
        sql("CREATE TABLE " + SCHEMA + ".events (id int PRIMARY KEY, at timestamp)");
        sql("INSERT INTO " + SCHEMA + ".events VALUES (1, '2024-01-01 00:00:00'), (2, 'infinity'), (3, NULL)");
        ExtractorHarness harness = new ExtractorHarness(stack, "ev");
        String output = harness.createOutput("events", 1);
        try (ApplicationContext extractor = harness.startExtractor("j3")) {
            harness.start("ev@m-1", "events", TaskConfigs.canonicalTaskJson("ev", """
                      - id: events
                        kind: extract
                        source: {type: jdbc, url: "%s", user: postgres, table: %s.events, keyColumns: [id]}
                    """.formatted(URL, SCHEMA)));
            harness.awaitState("ev@m-1", "events", TaskStatusType.SUCCEEDED);
        }
        assertThat(harness.readAll(output).stream().filter(r -> !ExtractorHarness.isEnd(r))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false).get("id"))).containsExactly(1, 3);
        List<DeadLetter> rejects = harness.readAll(harness.names.deadLetters("ev")).stream()
                .map(r -> harness.<DeadLetter>decode(harness.names.deadLetters("ev"), r.value(), true)).toList();
        assertThat(rejects).singleElement().satisfies(reject -> {
            assertThat(reject.getSourcePosition()).isEqualTo(SCHEMA + ".events key [2]");
            assertThat(reject.getMessage()).startsWith("column at cannot be represented");
            assertThat(StandardCharsets.UTF_8.decode(reject.getOriginalValue()).toString()).isEqualTo("2");
        });
    }

    private static List<String> names(ExtractorHarness harness, String output, List<ConsumerRecord<byte[], byte[]>> records, String run) {
        return records.stream()
                .filter(r -> !ExtractorHarness.isEnd(r) && ExtractorHarness.header(r, "conveyor.run-id").orElseThrow().equals(run))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false).get("name").toString()).toList();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", null); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
