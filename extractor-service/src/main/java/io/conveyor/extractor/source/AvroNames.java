package io.conveyor.extractor.source;

import io.conveyor.pipeline.spec.fields.AvroFieldNames;
import java.util.List;

/** Turns arbitrary column and task names into legal, distinct Avro names. */
public final class AvroNames {

    /** The field property that keeps a column's name as the source spelled it. */
    public static final String ORIGINAL_NAME = AvroFieldNames.ORIGINAL_NAME;
    /** The namespace of the record schemas the extractor makes up. */
    public static final String NAMESPACE = "io.conveyor.data";

    private AvroNames() {
    }

    /** A legal Avro name: see {@link AvroFieldNames#sanitise}. */
    public static String sanitise(String name) {
        return AvroFieldNames.sanitise(name);
    }

    /** Sanitised names, made distinct by numeric suffixes where two names sanitise alike. */
    public static List<String> distinct(List<String> names) {
        return AvroFieldNames.distinct(names);
    }

    /** The record name of a task's output: {@code pipeline_task} in the {@code io.conveyor.data} namespace. */
    public static String recordName(String pipeline, String task) {
        return sanitise(pipeline) + "_" + sanitise(task);
    }
}
