package io.conveyor.kafka.groups;

import java.util.Optional;

/**
 * Which Conveyor service a consumer group belongs to, from its name (docs/configuration-*.md): the
 * tracker's Kafka Streams application id ({@code conveyor-tracker}), the extractor's shared group
 * ({@code conveyor-extractor}), and the per-task groups {@code {prefix}.transformer.{pipeline}.{task}}
 * and {@code {prefix}.loader.{pipeline}.{task}[.file|.kafka]}. The loader's {@code ...outbox}
 * groups are bookkeeping (a watermark committed by the outbox publisher), never members: not workers.
 */
public record WorkerServices(String prefix, String trackerGroup, String extractorGroup) {

    public static final String SCHEDULER = "scheduler";
    public static final String EXTRACTOR = "extractor";
    public static final String TRANSFORMER = "transformer";
    public static final String LOADER = "loader";

    public Optional<String> serviceOf(String group) {
        if (group.equals(trackerGroup)) {
            return Optional.of(SCHEDULER);
        }
        if (group.equals(extractorGroup)) {
            return Optional.of(EXTRACTOR);
        }
        if (group.startsWith(prefix + ".transformer.")) {
            return Optional.of(TRANSFORMER);
        }
        if (group.startsWith(prefix + ".loader.") && !group.endsWith(".outbox")) {
            return Optional.of(LOADER);
        }
        return Optional.empty();
    }
}
