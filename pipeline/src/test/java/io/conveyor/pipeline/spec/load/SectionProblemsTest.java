package io.conveyor.pipeline.spec.load;

import static io.conveyor.pipeline.spec.load.PipelineProblemsTest.problems;
import static io.conveyor.pipeline.spec.load.Snippets.rules;
import static io.conveyor.pipeline.spec.load.Snippets.sink;
import static io.conveyor.pipeline.spec.load.Snippets.source;
import static io.conveyor.pipeline.spec.load.Snippets.transform;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Problems inside sources, sinks, rules and schemas. */
class SectionProblemsTest {

    @Nested
    class Sources {

        @Test
        void csvWithoutHeaderNeedsColumns() {
            assertThat(problems(source("type: csv", "path: in.csv", "header: false"))).containsExactly(
                    "orders.yaml:6:7: tasks[0].source.columns: missing required key (the file has no header)");
        }

        @Test
        void csvDelimiterIsOneCharacter() {
            assertThat(problems(source("type: csv", "path: in.csv", "delimiter: ';;'"))).containsExactly(
                    "orders.yaml:8:18: tasks[0].source.delimiter: expected a single character, got ';;'");
        }

        @Test
        void unknownEncoding() {
            assertThat(problems(source("type: jsonl", "path: in.jsonl", "encoding: UTF-9"))).containsExactly(
                    "orders.yaml:8:17: tasks[0].source.encoding: unknown encoding 'UTF-9'");
        }

        @Test
        void unknownSourceType() {
            assertThat(problems(source("type: xml", "path: in.xml"))).containsExactly(
                    "orders.yaml:6:13: tasks[0].source.type: unknown value 'xml' (expected one of csv, jsonl, json, parquet, jdbc, http)");
        }

        @Test
        void passwordAndPasswordEnvExcludeEachOther() {
            assertThat(problems(source("type: jdbc", "url: jdbc:postgresql://db/crm", "password: secret",
                    "passwordEnv: CRM_PASSWORD", "table: customers"))).containsExactly(
                    "orders.yaml:9:20: tasks[0].source.passwordEnv: give either password or passwordEnv, not both");
        }

        @Test
        void jdbcNeedsTableOrQuery() {
            assertThat(problems(source("type: jdbc", "url: jdbc:postgresql://db/crm"))).containsExactly(
                    "orders.yaml:6:7: tasks[0].source.table: missing required key: table or query");
        }

        @Test
        void jdbcTakesTableOrQueryNotBoth() {
            assertThat(problems(source("type: jdbc", "url: jdbc:postgresql://db/crm", "table: customers",
                    "query: select * from customers"))).containsExactly(
                    "orders.yaml:9:14: tasks[0].source.query: give either table or query, not both");
        }

        @Test
        void incrementalJdbcNeedsKeyColumns() {
            assertThat(problems(source("type: jdbc", "url: jdbc:postgresql://db/crm", "table: customers",
                    "watermarkColumn: updated_at"))).containsExactly(
                    "orders.yaml:6:7: tasks[0].source.keyColumns: missing required key (incremental reads page by key columns)");
        }

        @Test
        void jdbcUrl() {
            assertThat(problems(source("type: jdbc", "url: postgres://db/crm", "table: customers"))).containsExactly(
                    "orders.yaml:7:12: tasks[0].source.url: invalid JDBC URL 'postgres://db/crm' (expected e.g. jdbc:postgresql://host:5432/db)");
        }

        @Test
        void httpUrl() {
            assertThat(problems(source("type: http", "url: ftp://example.com/rates"))).containsExactly(
                    "orders.yaml:7:12: tasks[0].source.url: invalid URL 'ftp://example.com/rates' (expected an absolute http or https URL)");
        }

        @Test
        void cursorPaginationNeedsACursorPath() {
            assertThat(problems(source("type: http", "url: https://example.com/rates",
                    "pagination: {type: cursor, cursorParam: after}"))).containsExactly(
                    "orders.yaml:8:19: tasks[0].source.pagination.cursorPath: missing required key");
        }

        @Test
        void pageSizeNeedsItsParameter() {
            assertThat(problems(source("type: http", "url: https://example.com/rates",
                    "pagination: {type: page, pageSize: 100}"))).containsExactly(
                    "orders.yaml:8:19: tasks[0].source.pagination.sizeParam: missing required key (sizeParam and pageSize go together)");
        }

        @Test
        void paginationKeysOfAnotherTypeAreUnknown() {
            assertThat(problems(source("type: http", "url: https://example.com/rates",
                    "pagination: {type: page, cursorPath: /next}"))).containsExactly(
                    "orders.yaml:8:32: tasks[0].source.pagination.cursorPath: unknown key (expected one of type, pageParam, sizeParam, pageSize)");
        }

        @Test
        void itemsPathIsAJsonPointer() {
            assertThat(problems(source("type: http", "url: https://example.com/rates", "itemsPath: data.items")))
                    .containsExactly("orders.yaml:8:18: tasks[0].source.itemsPath: invalid JSON pointer 'data.items'"
                            + " (expected \"\" or a path starting with '/', e.g. /data/items)");
        }
    }

    @Nested
    class Sinks {

        @Test
        void upsertNeedsAKey() {
            assertThat(problems(sink("type: postgres", "url: jdbc:postgresql://localhost/dw", "table: orders",
                    "mode: upsert"))).containsExactly(
                    "orders.yaml:9:13: tasks[0].sink.mode: upsert needs key fields: give the sink a key or the task a key");
        }

        @Test
        void tableIsAnSqlIdentifier() {
            assertThat(problems(sink("type: warehouse", "table: order-lines"))).containsExactly(
                    "orders.yaml:7:14: tasks[0].sink.table: invalid SQL identifier 'order-lines'"
                            + " (letters, digits and '_', not starting with a digit, at most 63 characters)");
        }

        @Test
        void unknownFileFormat() {
            assertThat(problems(sink("type: file", "path: out.xml", "format: xml"))).containsExactly(
                    "orders.yaml:8:15: tasks[0].sink.format: unknown value 'xml' (expected one of csv, jsonl, parquet)");
        }

        @Test
        void kafkaTopicName() {
            assertThat(problems(sink("type: kafka", "topic: orders/out"))).containsExactly(
                    "orders.yaml:7:14: tasks[0].sink.topic: invalid Kafka topic name 'orders/out'"
                            + " (letters, digits, '.', '_' and '-', at most 249)");
        }
    }

    @Nested
    class Rules {

        @Test
        void unknownRule() {
            assertThat(problems(rules("renam: {from: a, to: b}"))).containsExactly(
                    "orders.yaml:6:9: tasks[0].rules[0].renam: unknown rule (expected one of rename, drop, derive, coerce,"
                            + " trim, case, collapseSpaces, nullTokens, default, email, phone, required, regex, range,"
                            + " allowed, length, dedupe, filter, custom)");
        }

        @Test
        void ruleEntryNamesExactlyOneRule() {
            assertThat(problems(rules("{rename: {from: a, to: b}, drop: [x]}"))).containsExactly(
                    "orders.yaml:6:9: tasks[0].rules[0]: expected a map with exactly one key, the rule's name; found rename, drop");
        }

        @Test
        void regexMustCompile() {
            assertThat(problems(rules("regex: {field: sku, pattern: '[A-Z'}"))).containsExactly(
                    "orders.yaml:6:42: tasks[0].rules[0].regex.pattern: invalid regular expression:"
                            + " Unclosed character class near index 3");
        }

        @Test
        void formatOnlyForDatesAndTimestamps() {
            assertThat(problems(rules("coerce: {field: n, type: int, format: \"#,##0\"}"))).containsExactly(
                    "orders.yaml:6:47: tasks[0].rules[0].coerce.format: format applies only to date and timestamp");
        }

        @Test
        void zoneOnlyForTimestamps() {
            assertThat(problems(rules("coerce: {field: d, type: date, zone: Europe/Berlin}"))).containsExactly(
                    "orders.yaml:6:46: tasks[0].rules[0].coerce.zone: zone applies only to timestamp");
        }

        @Test
        void unknownCoercionType() {
            assertThat(problems(rules("coerce: {field: n, type: intt}"))).containsExactly(
                    "orders.yaml:6:34: tasks[0].rules[0].coerce.type: unknown type 'intt'"
                            + " (expected one of string, int, long, double, boolean, date, timestamp, decimal(p,s))");
        }

        @Test
        void decimalPrecisionOutOfRange() {
            assertThat(problems(rules("coerce: {field: n, type: \"decimal(40,2)\"}"))).containsExactly(
                    "orders.yaml:6:34: tasks[0].rules[0].coerce.type:"
                            + " decimal(40,2) out of range: precision must be 1 to 38 and scale 0 to precision");
        }

        @Test
        void invalidDateTimePattern() {
            assertThat(problems(rules("coerce: {field: d, type: date, format: \"yyyy-MM-dd{\"}"))).containsExactly(
                    "orders.yaml:6:48: tasks[0].rules[0].coerce.format: invalid date-time pattern 'yyyy-MM-dd{':"
                            + " Pattern includes reserved character: '{'");
        }

        @Test
        void aPatternTheJdkFailsToBuildIsRefusedLikeAnyInvalidOne() {
            // DateTimeFormatter.ofPattern("pnd") throws ClassCastException, not IllegalArgumentException (PipelineFuzzTest found it).
            assertThat(problems(rules("coerce: {field: d, type: date, format: \"pnd\"}"))).containsExactly(
                    "orders.yaml:6:48: tasks[0].rules[0].coerce.format: invalid date-time pattern 'pnd': java.time cannot"
                            + " build a formatter from it (ClassCastException)");
        }

        @Test
        void rangeNeedsABoundAndOrderedBounds() {
            assertThat(problems(rules("range: {field: amount}", "range: {field: amount, min: 10, max: 1}"))).containsExactly(
                    "orders.yaml:6:16: tasks[0].rules[0].range.min: missing required key: min, max or both",
                    "orders.yaml:7:46: tasks[0].rules[1].range.max: max 1 is below min 10");
        }

        @Test
        void lengthIsNotNegative() {
            assertThat(problems(rules("length: {field: name, min: -1}"))).containsExactly(
                    "orders.yaml:6:36: tasks[0].rules[0].length.min: must be between 0 and 2147483647, got -1");
        }

        @Test
        void phoneRegionIsACountryCode() {
            assertThat(problems(rules("phone: {field: phone, region: XX}"))).containsExactly(
                    "orders.yaml:6:39: tasks[0].rules[0].phone.region: unknown region 'XX'"
                            + " (expected an ISO 3166 country code such as US or DE)");
        }

        @Test
        void fieldSelectionIsStarOrAList() {
            assertThat(problems(rules("trim: all", "drop: []"))).containsExactly(
                    "orders.yaml:6:15: tasks[0].rules[0].trim: expected \"*\" or a list of fields",
                    "orders.yaml:7:15: tasks[0].rules[1].drop: must name at least one field");
        }

        @Test
        void customClassName() {
            assertThat(problems(rules("custom: {class: com.example.Fx-Convert}"))).containsExactly(
                    "orders.yaml:6:25: tasks[0].rules[0].custom.class: invalid Java class name 'com.example.Fx-Convert'");
        }
    }

    @Nested
    class Schemas {

        @Test
        void invalidAvroSchema() {
            assertThat(problems(transform(
                    "schema: '{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"lng\"}]}'")))
                    .singleElement().asString()
                    .startsWith("orders.yaml:5:13: tasks[0].schema: invalid Avro schema: ")
                    .contains("lng");
        }

        @Test
        void targetSchemaIsARecord() {
            assertThat(problems(transform("schema: '\"string\"'"))).containsExactly(
                    "orders.yaml:5:13: tasks[0].schema: the target schema must be an Avro record, got string");
        }

        @Test
        void schemaFileMustExist() {
            assertThat(problems(transform("schema: {file: missing.avsc}"))).singleElement().asString()
                    .startsWith("orders.yaml:5:20: tasks[0].schema.file: cannot read schema file ")
                    .contains("NoSuchFileException");
        }
    }
}
