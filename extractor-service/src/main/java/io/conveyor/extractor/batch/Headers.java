package io.conveyor.extractor.batch;

/** Header names every Conveyor service agrees on (docs/architecture.md) and Kafka Connect's error headers. */
public final class Headers {

    public static final String RUN_ID = "conveyor.run-id";
    public static final String TASK = "conveyor.task";
    public static final String CONTROL = "conveyor.control";
    public static final String CONTROL_END = "END";
    public static final String SHARD = "conveyor.shard";
    public static final String SHARDS = "conveyor.shards";
    public static final String COUNT = "conveyor.count";

    public static final String ERRORS_STAGE = "__connect.errors.stage";
    public static final String ERRORS_EXCEPTION_CLASS = "__connect.errors.exception.class.name";
    public static final String ERRORS_EXCEPTION_MESSAGE = "__connect.errors.exception.message";
    public static final String ERRORS_SOURCE_POSITION = "__connect.errors.source.position";

    private Headers() {
    }
}
