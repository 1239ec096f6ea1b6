package io.conveyor.extractor.source;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns arbitrary column and task names into legal, distinct Avro names. */
public final class AvroNames {

    /** The field property that keeps a column's name as the source spelled it. */
    public static final String ORIGINAL_NAME = "conveyor.originalName";
    /** The namespace of the record schemas the extractor makes up. */
    public static final String NAMESPACE = "io.conveyor.data";

    private AvroNames() {
    }

    /** A legal Avro name: letters, digits and underscores, not starting with a digit. */
    public static String sanitise(String name) {
        StringBuilder legal = new StringBuilder(name.length() + 1);
        for (char c : name.toCharArray()) {
            legal.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (legal.length() == 0 || Character.isDigit(legal.charAt(0))) {
            legal.insert(0, '_');
        }
        return legal.toString();
    }

    /** Sanitised names, made distinct by numeric suffixes where two names sanitise alike. */
    public static List<String> distinct(List<String> names) {
        Set<String> taken = new HashSet<>();
        return names.stream().map(name -> {
            String base = sanitise(name);
            String candidate = base;
            for (int i = 2; !taken.add(candidate); i++) {
                candidate = base + "_" + i;
            }
            return candidate;
        }).collect(Collectors.toList());
    }

    /** The record name of a task's output: {@code pipeline_task} in the {@code io.conveyor.data} namespace. */
    public static String recordName(String pipeline, String task) {
        return sanitise(pipeline) + "_" + sanitise(task);
    }
}
