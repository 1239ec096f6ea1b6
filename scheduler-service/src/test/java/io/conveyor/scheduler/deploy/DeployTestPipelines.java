package io.conveyor.scheduler.deploy;

/** Pipeline files with a transform task whose target schema the tests vary. */
final class DeployTestPipelines {

    static final String ORDER_V1_FIELDS = """
            [{"name": "id", "type": "long"}, {"name": "amount", "type": "double"}]""";
    /** Adds a field without a default: readers of the new schema cannot read old records. */
    static final String ORDER_REQUIRED_FIELD_ADDED = """
            [{"name": "id", "type": "long"}, {"name": "amount", "type": "double"}, {"name": "currency", "type": "string"}]""";
    /** Adds a field with a default: a compatible change. */
    static final String ORDER_OPTIONAL_FIELD_ADDED = """
            [{"name": "id", "type": "long"}, {"name": "amount", "type": "double"},
             {"name": "note", "type": ["null", "string"], "default": null}]""";

    private DeployTestPipelines() {
    }

    static String withSchema(String name, String schedule, String fields) {
        return """
                name: %s
                schedule: "%s"
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/orders.csv}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - trim: "*"
                    schema: '{"type": "record", "name": "Order", "fields": %s}'
                """.formatted(name, schedule, fields.replace("\n", " "));
    }
}
