package io.conveyor.pipeline.spec.canonical;

import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WarehouseSink;
import io.conveyor.pipeline.spec.sink.WriteMode;

/** Sinks of load tasks. */
final class SinkDecoder {

    private static final Variants<SinkSpec> SINKS = new Variants<SinkSpec>()
            .with(PostgresSink.class, SinkDecoder::postgres)
            .with(WarehouseSink.class, object -> object.build(() -> new WarehouseSink(
                    object.optional("path").map(JsonValue::text), target(object.required("target")))))
            .with(FileSink.class, object -> object.build(() -> new FileSink(
                    object.required("path").text(), object.required("format").constant(FileFormat.class))))
            .with(KafkaSink.class, object -> object.build(() -> new KafkaSink(object.required("topic").text())));

    private SinkDecoder() {
    }

    static SinkSpec sink(JsonValue value) {
        return SINKS.read(value);
    }

    private static PostgresSink postgres(JsonObject object) {
        return object.build(() -> new PostgresSink(object.required("url").text(), object.optional("user").map(JsonValue::text),
                object.optional("password").map(PasswordDecoder::password), object.required("schema").text(),
                target(object.required("target"))));
    }

    private static TableTarget target(JsonValue value) {
        JsonObject object = value.object();
        return object.build(() -> new TableTarget(object.required("table").text(),
                object.required("mode").constant(WriteMode.class), object.required("key").texts()));
    }
}
