package io.conveyor.schemas;

import io.conveyor.control.TaskKind;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one place topic names are made. Every name starts with a prefix (default {@code conveyor})
 * so that several Conveyor installations can share a cluster.
 *
 * <pre>
 * {prefix}.triggers                      TriggerEvent in
 * {prefix}.triggers.dlq                  DeadLetter for malformed triggers
 * {prefix}.pipelines                     pipeline versions (compacted)
 * {prefix}.scheduler-state               last scheduled fire time per pipeline (compacted)
 * {prefix}.runs                          RunEvent
 * {prefix}.alerts                        Alert: failed runs, SLA misses, reject rates over a pipeline's limit
 * {prefix}.task-commands.{kind}          TaskCommand, one topic per executing service
 * {prefix}.task-status                   TaskStatus
 * {prefix}.data.{pipeline}.{task}        a task's output records
 * {prefix}.dlq.{pipeline}                DeadLetter for the pipeline's rejected records
 * {prefix}.dead-letter-states            the state of each handled dead letter: replayed or discarded (compacted)
 * {prefix}.replays                       dead letters claimed for a replay run, as the run's extract tasks write them
 * {prefix}.data.quarantine               stray data records (no run header, or a run that never appeared), as consumed
 * {prefix}.checkpoints                   extractor source positions per (run, task) (compacted)
 * {prefix}.watermarks                    incremental-extract watermarks per (pipeline, task) (compacted)
 * {prefix}.transformer.{pipeline}.{task}-dedupe-changelog   a transform task's seen dedupe keys (compacted)
 * </pre>
 */
public record TopicNames(String prefix) {

    public static final String DEFAULT_PREFIX = "conveyor";
    /** Confluent's default storage topic, used by the embedded registry too. */
    public static final String SCHEMAS = "_schemas";

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix");
        requireLegal("prefix", prefix);
    }

    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_PREFIX);
    }

    public String triggers() {
        return prefix + ".triggers";
    }

    public String triggerDeadLetters() {
        return prefix + ".triggers.dlq";
    }

    public String pipelines() {
        return prefix + ".pipelines";
    }

    /** Keyed by pipeline; the value is the latest cron fire time the scheduler dealt with, as epoch millis. */
    public String schedulerState() {
        return prefix + ".scheduler-state";
    }

    public String runs() {
        return prefix + ".runs";
    }

    public String alerts() {
        return prefix + ".alerts";
    }

    public String taskCommands(TaskKind kind) {
        return prefix + ".task-commands." + kind.name().toLowerCase(Locale.ROOT);
    }

    public String taskStatus() {
        return prefix + ".task-status";
    }

    /** Source positions of (run, task), committed by the extractor with each batch. */
    public String checkpoints() {
        return prefix + ".checkpoints";
    }

    /** The watermark reached by the last successful run of each incremental (pipeline, task). */
    public String watermarks() {
        return prefix + ".watermarks";
    }

    public String data(String pipeline, String task) {
        requireLegal("pipeline", pipeline);
        requireLegal("task", task);
        return prefix + ".data." + pipeline + "." + task;
    }

    /**
     * The seen keys of a transform task's dedupe rules, partitioned like the task's input (one
     * partition per input partition); named after the task's consumer group.
     */
    public String dedupeChangelog(String pipeline, String task) {
        requireLegal("pipeline", pipeline);
        requireLegal("task", task);
        return prefix + ".transformer." + pipeline + "." + task + "-dedupe-changelog";
    }

    /**
     * Data records no run claims, kept as they were consumed with Kafka Connect's error headers:
     * not a data topic of any task, since a task's name always has a pipeline and a task part.
     */
    public String quarantine() {
        return prefix + ".data.quarantine";
    }

    /** Keyed by {@code pipeline/letter id}: which letters are replayed or discarded, by whom and when. */
    public String deadLetterStates() {
        return prefix + ".dead-letter-states";
    }

    /** The original records of the letters a replay request claimed, each headed with its replay run and route. */
    public String replays() {
        return prefix + ".replays";
    }

    public String deadLetters(String pipeline) {
        requireLegal("pipeline", pipeline);
        return prefix + ".dlq." + pipeline;
    }

    private static void requireLegal(String what, String name) {
        if (!LEGAL.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    what + " '" + name + "' may only contain letters, digits, '.', '_' and '-' to be part of a topic name");
        }
    }
}
