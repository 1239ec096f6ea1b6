package io.conveyor.pipeline.spec;

/** What a task does; written in lower case in YAML. */
public enum TaskKind {
    EXTRACT,
    TRANSFORM,
    LOAD,
    SQL
}
