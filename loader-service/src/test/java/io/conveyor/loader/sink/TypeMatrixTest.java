package io.conveyor.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.loader.stream.LoadService;
import io.conveyor.loader.stream.TestWarehouse;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.serde.avro.AvroConversions;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Avro type and logical type Conveyor's sources and rules produce, into every sink, read back
 * from the sink: one run per sink loads a record holding a value of every type and a record holding
 * nulls only; each (sink, type) cell checks the value, its null and the type the sink gave it
 * (timestamp-* are instants: {@code timestamptz}, Parquet {@code isAdjustedToUTC=true};
 * local-timestamp-* are wall-clock times: {@code timestamp}, {@code isAdjustedToUTC=false}),
 * microseconds kept. The table in docs/configuration-loader.md is this matrix.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeMatrixTest {

    enum Sink { POSTGRES, DUCKDB, CSV, JSONL, PARQUET, KAFKA }

    /**
     * One Avro type: a value and how each sink holds it.
     *
     * @param value        the raw Avro value written
     * @param logical      the value as Avro's logical-type conversions read it back
     * @param postgresType PostgreSQL's {@code format_type} of the column
     * @param duckdbType   DuckDB's {@code data_type} of the column
     * @param postgresText the value as a PostgreSQL literal of that type; {@code duckdbText} likewise
     * @param text         the CSV field
     * @param json         the JSON Lines member
     * @param parquetType  the Parquet column: primitive and logical type annotation
     */
    record Cell(String name, Schema type, Object value, Object logical, String postgresType, String duckdbType,
                String postgresText, String duckdbText, String text, String json, String parquetType) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Schema COLOR = SchemaBuilder.enumeration("Color").namespace("test.types").symbols("RED", "GREEN");
    private static final Schema FIXED = SchemaBuilder.fixed("Four").namespace("test.types").size(4);
    private static final Schema DECIMAL_FIXED = LogicalTypes.decimal(20, 4)
            .addToSchema(SchemaBuilder.fixed("Dec9").namespace("test.types").size(9));
    private static final Schema DECIMAL_BYTES = LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    private static final Schema INNER = SchemaBuilder.record("Inner").namespace("test.types").fields()
            .requiredInt("a").requiredString("b").endRecord();
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();
    private static final UUID AN_UUID = UUID.fromString("6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final Instant MILLIS = Instant.parse("2024-05-06T07:08:09.123Z");
    private static final Instant MICROS = Instant.parse("2024-05-06T07:08:09.123456Z");
    private static final Instant BEFORE_1970 = Instant.parse("1969-07-20T20:17:40.000001Z");
    private static final LocalDateTime LOCAL_MILLIS = LocalDateTime.parse("2024-03-31T02:30:00.123");
    private static final LocalDateTime LOCAL_MICROS = LocalDateTime.parse("2024-03-31T02:30:00.123456");

    static final List<Cell> CELLS = List.of(
            new Cell("boolean", Schema.create(Schema.Type.BOOLEAN), true, true, "boolean", "BOOLEAN",
                    "true", null, "true", "true", "BOOLEAN"),
            new Cell("int", Schema.create(Schema.Type.INT), Integer.MIN_VALUE, Integer.MIN_VALUE, "integer", "INTEGER",
                    "-2147483648", null, "-2147483648", "-2147483648", "INT32"),
            new Cell("long", Schema.create(Schema.Type.LONG), 9_007_199_254_740_993L, 9_007_199_254_740_993L, "bigint",
                    "BIGINT", "9007199254740993", null, "9007199254740993", "9007199254740993", "INT64"),
            new Cell("float", Schema.create(Schema.Type.FLOAT), 1.5f, 1.5f, "real", "FLOAT", "1.5", null, "1.5", "1.5",
                    "FLOAT"),
            new Cell("double", Schema.create(Schema.Type.DOUBLE), 0.1, 0.1, "double precision", "DOUBLE", "0.1", null,
                    "0.1", "0.1", "DOUBLE"),
            new Cell("string", Schema.create(Schema.Type.STRING), "Zoë, \"quoted\"\nnext line", "Zoë, \"quoted\"\nnext line",
                    "text", "VARCHAR", "Zoë, \"quoted\"\nnext line", null, "Zoë, \"quoted\"\nnext line",
                    "\"Zoë, \\\"quoted\\\"\\nnext line\"", "BINARY STRING"),
            new Cell("bytes", Schema.create(Schema.Type.BYTES), ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}),
                    ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}), "bytea", "BLOB", "\\x0001ff", "\\x00\\x01\\xFF",
                    "AAH/", "\"AAH/\"", "BINARY"),
            new Cell("fixed", FIXED, new GenericData.Fixed(FIXED, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                    new GenericData.Fixed(FIXED, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                    "bytea", "BLOB", "\\xdeadbeef", "\\xDE\\xAD\\xBE\\xEF", "3q2+7w==", "\"3q2+7w==\"", "FIXED_LEN_BYTE_ARRAY"),
            new Cell("enum", COLOR, new GenericData.EnumSymbol(COLOR, "GREEN"), new GenericData.EnumSymbol(COLOR, "GREEN"),
                    "text", "VARCHAR", "GREEN", null, "GREEN", "\"GREEN\"", "BINARY ENUM"),
            new Cell("decimal_bytes", DECIMAL_BYTES, DECIMALS.toBytes(new BigDecimal("-12345.67"), DECIMAL_BYTES,
                    DECIMAL_BYTES.getLogicalType()), new BigDecimal("-12345.67"), "numeric(12,2)", "DECIMAL(12,2)",
                    "-12345.67", null, "-12345.67", "-12345.67", "BINARY DECIMAL(12,2)"),
            new Cell("decimal_fixed", DECIMAL_FIXED, DECIMALS.toFixed(new BigDecimal("1234567890123456.7890"), DECIMAL_FIXED,
                    DECIMAL_FIXED.getLogicalType()), new BigDecimal("1234567890123456.7890"), "numeric(20,4)", "DECIMAL(20,4)",
                    "1234567890123456.7890", null, "1234567890123456.7890", "1234567890123456.7890",
                    "FIXED_LEN_BYTE_ARRAY DECIMAL(20,4)"),
            new Cell("uuid", LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING)), AN_UUID.toString(), AN_UUID,
                    "uuid", "UUID", AN_UUID.toString(), null, AN_UUID.toString(), "\"" + AN_UUID + "\"", "BINARY STRING"),
            new Cell("date", LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)),
                    (int) LocalDate.of(2024, 2, 29).toEpochDay(), LocalDate.of(2024, 2, 29), "date", "DATE", "2024-02-29",
                    null, "2024-02-29", "\"2024-02-29\"", "INT32 DATE"),
            new Cell("time_millis", LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT)),
                    (int) (LocalTime.parse("07:08:09.123").toNanoOfDay() / 1_000_000), LocalTime.parse("07:08:09.123"),
                    "time without time zone", "TIME", "07:08:09.123", null, "07:08:09.123", "\"07:08:09.123\"",
                    "INT32 TIME(MILLIS,true)"),
            new Cell("time_micros", LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                    LocalTime.parse("23:59:59.999999").toNanoOfDay() / 1000, LocalTime.parse("23:59:59.999999"),
                    "time without time zone", "TIME", "23:59:59.999999", null, "23:59:59.999999", "\"23:59:59.999999\"",
                    "INT64 TIME(MICROS,true)"),
            new Cell("timestamp_millis", LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
                    MILLIS.toEpochMilli(), MILLIS, "timestamp with time zone", "TIMESTAMP WITH TIME ZONE",
                    "2024-05-06 07:08:09.123+00", null, "2024-05-06T07:08:09.123Z", "\"2024-05-06T07:08:09.123Z\"",
                    "INT64 TIMESTAMP(MILLIS,true)"),
            new Cell("timestamp_micros", LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                    ChronoUnit.MICROS.between(Instant.EPOCH, MICROS), MICROS, "timestamp with time zone",
                    "TIMESTAMP WITH TIME ZONE", "2024-05-06 07:08:09.123456+00", null, "2024-05-06T07:08:09.123456Z",
                    "\"2024-05-06T07:08:09.123456Z\"", "INT64 TIMESTAMP(MICROS,true)"),
            new Cell("timestamp_micros_before_1970", LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                    ChronoUnit.MICROS.between(Instant.EPOCH, BEFORE_1970), BEFORE_1970, "timestamp with time zone",
                    "TIMESTAMP WITH TIME ZONE", "1969-07-20 20:17:40.000001+00", null, "1969-07-20T20:17:40.000001Z",
                    "\"1969-07-20T20:17:40.000001Z\"", "INT64 TIMESTAMP(MICROS,true)"),
            new Cell("local_timestamp_millis", LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
                    LOCAL_MILLIS.toInstant(java.time.ZoneOffset.UTC).toEpochMilli(), LOCAL_MILLIS, "timestamp without time zone",
                    "TIMESTAMP", "2024-03-31 02:30:00.123", null, "2024-03-31T02:30:00.123", "\"2024-03-31T02:30:00.123\"",
                    "INT64 TIMESTAMP(MILLIS,false)"),
            new Cell("local_timestamp_micros", LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                    ChronoUnit.MICROS.between(Instant.EPOCH, LOCAL_MICROS.toInstant(java.time.ZoneOffset.UTC)), LOCAL_MICROS,
                    "timestamp without time zone", "TIMESTAMP", "2024-03-31 02:30:00.123456", null,
                    "2024-03-31T02:30:00.123456", "\"2024-03-31T02:30:00.123456\"", "INT64 TIMESTAMP(MICROS,false)"),
            new Cell("record", INNER, new GenericRecordBuilder(INNER).set("a", 1).set("b", "x").build(), null, "jsonb", "JSON",
                    "{\"a\": 1, \"b\": \"x\"}", null, "{\"a\":1,\"b\":\"x\"}", "{\"a\":1,\"b\":\"x\"}", "group"),
            new Cell("array", SchemaBuilder.array().items().intType(), List.of(1, 2, 3), null, "jsonb", "JSON", "[1, 2, 3]",
                    null, "[1,2,3]", "[1,2,3]", "group LIST"),
            new Cell("map", SchemaBuilder.map().values().longType(), Map.of("k", 7L), null, "jsonb", "JSON", "{\"k\": 7}", null,
                    "{\"k\":7}", "{\"k\":7}", "group MAP"));

    static final Schema RECORD = record();

    private final ConveyorStack stack;
    private Path directory;
    private TimeZone zoneBefore;
    /** The DuckDB runs have a pipeline of their own: all runs of a load task load into one database. */
    private SinkFixture fixture;
    private SinkFixture duckdbFixture;
    private LoadService service;
    private LoadService duckdbService;
    private TestWarehouse postgres;
    private TestWarehouse duckdb;
    private final Map<Sink, String> runs = new EnumMap<>(Sink.class);
    private final Map<Sink, List<String>> deadLetters = new EnumMap<>(Sink.class);
    private String kafkaTarget;
    private List<Map<String, String>> csv;
    private List<JsonNode> jsonl;
    private List<GenericRecord> parquet;
    private MessageType parquetSchema;
    private List<GenericRecord> kafka;

    TypeMatrixTest(ConveyorStack stack) {
        this.stack = stack;
    }

    private static Schema record() {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Types").namespace("test.types").fields()
                .requiredLong("id");
        for (Cell cell : CELLS) {
            fields = fields.name(cell.name()).type(Schema.createUnion(Schema.create(Schema.Type.NULL), cell.type()))
                    .withDefault(null);
        }
        return fields.endRecord();
    }

    static Stream<Arguments> cells() {
        return Stream.of(Sink.values()).flatMap(sink -> CELLS.stream().map(cell -> Arguments.of(sink, cell)));
    }

    @BeforeAll
    void loadEveryTypeIntoEverySink(@TempDir Path directory) throws Exception {
        this.directory = directory;
        // The loader's sessions take the JVM's zone; one with a DST gap at the local timestamps' wall-clock time
        // (02:30 on 2024-03-31 does not exist in Berlin) shifts them if any layer reads them as times of that zone.
        zoneBefore = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        postgres = TestWarehouse.postgres();
        duckdb = TestWarehouse.duckdb(directory);
        fixture = new SinkFixture(stack);
        service = fixture.service(10);
        duckdbFixture = new SinkFixture(stack);
        duckdbService = duckdbFixture.service(10, duckdb.defaultWarehouse());
        kafkaTarget = fixture.names.prefix() + ".types-out";
        stack.createTopics(1, kafkaTarget);
        Map<Sink, SinkSpec> sinks = new LinkedHashMap<>();
        TableTarget table = new TableTarget("types", WriteMode.APPEND, List.of());
        sinks.put(Sink.POSTGRES, postgres.sink(table));
        sinks.put(Sink.DUCKDB, duckdb.sink(table));
        sinks.put(Sink.CSV, new FileSink(directory.resolve("types.csv").toString(), FileFormat.CSV));
        sinks.put(Sink.JSONL, new FileSink(directory.resolve("types.jsonl").toString(), FileFormat.JSONL));
        sinks.put(Sink.PARQUET, new FileSink(directory.resolve("types.parquet").toString(), FileFormat.PARQUET));
        sinks.put(Sink.KAFKA, new KafkaSink(kafkaTarget));
        GenericRecordBuilder values = new GenericRecordBuilder(RECORD).set("id", 1L);
        CELLS.forEach(cell -> values.set(cell.name(), cell.value()));
        GenericRecord nulls = new GenericRecordBuilder(RECORD).set("id", 2L).build();
        for (Map.Entry<Sink, SinkSpec> sink : sinks.entrySet()) {
            String runId = "types@" + sink.getKey().name().toLowerCase();
            runs.put(sink.getKey(), runId);
            SinkFixture loader = sink.getKey() == Sink.DUCKDB ? duckdbFixture : fixture;
            loader.command(runId, sink.getValue());
            loader.topics.produceRun(loader.input, runId, "clean", 2, List.of(
                    new DataTopics.Data(0, "1", fresh(values.build())), new DataTopics.Data(0, "2", nulls)));
        }
        runs.forEach((sink, runId) -> (sink == Sink.DUCKDB ? duckdbFixture : fixture).awaitDone(runId, 2));
        SinkFixture.await("the file outputs", () -> Stream.of("csv", "jsonl", "parquet")
                .allMatch(extension -> Files.exists(directory.resolve("types." + extension))));
        Stream.of(fixture, duckdbFixture).flatMap(loader -> loader.topics.readAll(loader.names.deadLetters(SinkFixture.PIPELINE))
                .stream().map(record -> loader.topics.<DeadLetter>specific(record))).forEach(letter -> {
            String sink = letter.getRunId().substring(letter.getRunId().indexOf('@') + 1).toUpperCase();
            deadLetters.computeIfAbsent(Sink.valueOf(sink), ignored -> new ArrayList<>())
                    .add(letter.getRule() + " " + letter.getField() + ": " + letter.getMessage());
        });
        csv = readCsv(directory.resolve("types.csv"));
        jsonl = readJsonLines(directory.resolve("types.jsonl"));
        parquet = readParquet(directory.resolve("types.parquet"));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(directory.resolve("types.parquet")))) {
            parquetSchema = reader.getFooter().getFileMetaData().getSchema();
        }
        kafka = fixture.topics.readUntil(kafkaTarget, records -> records.size() >= 2).stream()
                .map(record -> (GenericRecord) fixture.topics.generic(record)).toList();
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (duckdbService != null) {
            duckdbService.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (zoneBefore != null) {
            TimeZone.setDefault(zoneBefore);
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("cells")
    void everyTypeReadsBackFromEverySinkAsItWasWrittenNullsIncluded(Sink sink, Cell cell) throws Exception {
        switch (sink) {
            case POSTGRES -> assertTable(sink, postgres, cell, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'public.types'::regclass AND attname = ?", cell.postgresType(), cell.postgresText());
            case DUCKDB -> assertTable(sink, duckdb, cell, "SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'types' AND column_name = ?", cell.duckdbType(),
                    cell.duckdbText() != null ? cell.duckdbText() : cell.postgresText());
            case CSV -> {
                assertThat(csv).as("CSV rows").hasSize(2);
                assertThat(csv.get(0).get(cell.name())).isEqualTo(cell.text());
                assertThat(csv.get(1).get(cell.name())).as("null as an empty unquoted field").isNull();
            }
            case JSONL -> {
                assertThat(jsonl).as("JSON lines").hasSize(2);
                assertThat(jsonl.get(0).get(cell.name())).hasToString(cell.json());
                assertThat(jsonl.get(1).get(cell.name()).isNull()).as("null as JSON null").isTrue();
            }
            case PARQUET -> {
                assertThat(parquet).as("Parquet rows").hasSize(2);
                Type column = parquetSchema.getType(cell.name());
                assertThat(column.isPrimitive() ? column.asPrimitiveType().getPrimitiveTypeName() + annotation(column)
                        : "group" + annotation(column)).isEqualTo(cell.parquetType());
                assertThat(normal(parquet.get(0).get(cell.name())))
                        .isEqualTo(normal(cell.logical() != null ? cell.logical() : cell.value()));
                assertThat(parquet.get(1).get(cell.name())).isNull();
            }
            case KAFKA -> {
                assertThat(kafka).as("Kafka records").hasSize(2);
                assertThat(new SchemaRegistryClient(stack.registryUrl()).latest(kafkaTarget + "-value").schema()
                        .getField(cell.name()).schema()).isEqualTo(RECORD.getField(cell.name()).schema());
                assertThat(normal(kafka.get(0).get(cell.name()))).isEqualTo(normal(cell.value()));
                assertThat(kafka.get(1).get(cell.name())).isNull();
            }
        }
    }

    private void assertTable(Sink sink, TestWarehouse warehouse, Cell cell, String typeQuery, String type, String literal)
            throws SQLException {
        Connection connection = warehouse.connect();
        try {
            assertThat(single(connection, typeQuery, cell.name())).as("column type of " + cell.name()).isEqualTo(type);
            String column = "\"" + cell.name() + "\"";
            String expected = "CAST('" + literal.replace("'", "''") + "' AS " + type + ")";
            String same = sink == Sink.DUCKDB && type.equals("JSON") ? "json(" + column + ") = json(" + expected + ")"
                    : column + " IS NOT DISTINCT FROM " + expected;
            assertThat(single(connection, "SELECT CAST(" + same + " AS VARCHAR) || ' ' || coalesce(CAST(" + column
                    + " AS VARCHAR), 'null') FROM types WHERE id = 1"))
                    .as("loaded value (dead letters: %s)", deadLetters.getOrDefault(sink, List.of()))
                    .isEqualTo("true " + single(connection, "SELECT CAST(" + expected + " AS VARCHAR)"));
            assertThat(single(connection, "SELECT CAST(" + column + " IS NULL AS VARCHAR) FROM types WHERE id = 2"))
                    .as("null loaded as NULL").isEqualTo("true");
        } finally {
            warehouse.disconnect(connection);
        }
    }

    /** A copy whose byte buffers are its own, so writing one record cannot move another's buffer position. */
    private static GenericRecord fresh(GenericRecord record) {
        GenericRecordBuilder copy = new GenericRecordBuilder((GenericData.Record) record);
        for (Cell cell : CELLS) {
            if (cell.value() instanceof ByteBuffer buffer) {
                copy.set(cell.name(), buffer.duplicate());
            }
        }
        return copy.build();
    }

    private static String single(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static String annotation(Type column) {
        return column.getLogicalTypeAnnotation() == null ? "" : " " + column.getLogicalTypeAnnotation();
    }

    /** Values compared by what they say: bytes as hex, the rest as text. */
    private static String normal(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof GenericFixed fixed) {
            return HexFormat.of().formatHex(fixed.bytes());
        }
        return String.valueOf(value);
    }

    /** RFC 4180 with a header; an unquoted empty field is null, a quoted one the empty string. */
    private static List<Map<String, String>> readCsv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',' || c == '\r') {
                if (c == '\r') {
                    i++;
                }
                line.add(field.isEmpty() && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (c == '\r') {
                    lines.add(line);
                    line = new ArrayList<>();
                }
            } else {
                field.append(c);
            }
        }
        List<String> header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> values : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(mapper.readTree(line));
        }
        return nodes;
    }

    private static List<GenericRecord> readParquet(Path file) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                new PlainParquetConfiguration()).withDataModel(AvroConversions.genericData()).build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }
        return records;
    }
}
