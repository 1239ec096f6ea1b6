package io.conveyor.e2e.harness;

import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import java.nio.file.Path;

/**
 * The pipeline the end-to-end tests run: a CSV extract, a transform with real cleansing,
 * coercion and validation rules, and an upsert into PostgreSQL.
 *
 * @param name      pipeline name
 * @param csv       the input file
 * @param schema    target PostgreSQL schema
 * @param table     target table
 * @param batchSize records per extractor batch (one Kafka transaction)
 */
public record CustomerPipeline(String name, Path csv, String schema, String table, int batchSize) {

    public static final String EXTRACT = "extract";
    public static final String CLEAN = "clean";
    public static final String LOAD = "load";

    public String yaml() {
        return yaml("");
    }

    /**
     * The pipeline whose transform also drops repeated ids ({@code dedupe: {key: [id]}}, keep the
     * first), after the rules that reject: a bad row repeated is rejected each time.
     */
    public String yamlWithDedupe() {
        return yaml("\n      - dedupe: {key: [id]}");
    }

    /** The pipeline with one more rule after the others, such as a check that turns out too strict. */
    public String yamlWith(String rule) {
        return yaml("\n      - " + rule);
    }

    private String yaml(String extraRules) {
        return """
                name: %s
                description: customers CSV to PostgreSQL, end to end
                maxActiveRuns: 2
                tasks:
                  - id: extract
                    kind: extract
                    key: [id]
                    batchSize: %d
                    source: {type: csv, path: "%s"}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    key: [id]
                    rules:
                      - trim: "*"
                      - required: [id, name, email, amount]
                      - coerce: {field: id, type: long}
                      - coerce: {field: amount, type: "decimal(12,2)"}
                      - email: {field: email}%s
                    schema: {type: record, name: Customer, namespace: io.conveyor.e2e, fields: [
                      {name: id, type: long}, {name: name, type: string}, {name: email, type: string},
                      {name: amount, type: {type: bytes, logicalType: decimal, precision: 12, scale: 2}}]}
                  - id: load
                    kind: load
                    dependsOn: [clean]
                    sink:
                      type: postgres
                      url: %s
                      user: %s
                      schema: %s
                      table: %s
                      mode: upsert
                      key: [id]
                """.formatted(name, batchSize, csv.toAbsolutePath(), extraRules,
                TargetDatabase.URL, TargetDatabase.USER, schema, table);
    }

    /** The data topics between the stages and the dead-letter topic, with {@code partitions} partitions each. */
    public void createTopics(ConveyorStack stack, TopicNames names, int partitions) {
        stack.createTopics(partitions, names.data(name, EXTRACT), names.data(name, CLEAN), names.deadLetters(name));
    }

    public CustomerPipeline withCsv(Path other, String otherTable) {
        return new CustomerPipeline(name, other, schema, otherTable, batchSize);
    }
}
