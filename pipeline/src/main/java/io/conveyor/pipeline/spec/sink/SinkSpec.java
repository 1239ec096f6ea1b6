package io.conveyor.pipeline.spec.sink;

/** Where a load task writes records; the YAML {@code type} key selects the variant. */
public sealed interface SinkSpec permits PostgresSink, WarehouseSink, FileSink, KafkaSink {
}
