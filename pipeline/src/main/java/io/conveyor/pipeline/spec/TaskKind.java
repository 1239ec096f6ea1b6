package io.conveyor.pipeline.spec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What a task does; written in lower case in YAML. */
public enum TaskKind {
    EXTRACT,
    TRANSFORM,
    LOAD,
    /** Parsed and modelled, but no service executes it yet: a deployment refuses it (see {@link #EXECUTED}). */
    SQL;

    /**
     * The kinds a Conveyor service executes (extractor, transformer, loader). A run with a task of
     * any other kind would wait for it forever, so deployments accept only these.
     */
    public static final Set<TaskKind> EXECUTED = Collections.unmodifiableSet(EnumSet.of(EXTRACT, TRANSFORM, LOAD));
}
