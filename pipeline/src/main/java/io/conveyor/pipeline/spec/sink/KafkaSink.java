package io.conveyor.pipeline.spec.sink;

import java.util.Objects;

/** A Kafka topic, written as Avro with the registry's wire format. */
public record KafkaSink(String topic) implements SinkSpec {

    public KafkaSink {
        Objects.requireNonNull(topic, "topic");
    }
}
