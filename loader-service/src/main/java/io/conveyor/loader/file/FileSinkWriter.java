package io.conveyor.loader.file;

import io.conveyor.dataplane.RejectReason;
import io.conveyor.loader.sink.InputPosition;
import io.conveyor.loader.sink.SinkRun;
import io.conveyor.loader.sink.SinkWriter;
import io.conveyor.pipeline.spec.sink.FileSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes runs to files exactly once with Kafka-committed offsets. Each batch writes one part per
 * run and input partition, named by its first offset ({@link RunFiles}), and before the Kafka
 * transaction with the batch's offsets commits, every part is forced to disk and renamed into
 * place. Parts that start at or after a partition's committed offset belong to an attempt that
 * never committed: they are deleted before this consumer writes that run's partition again. A
 * completed input partition leaves a {@link DoneMarker}; once every partition's marker is
 * committed, the parts are combined in (partition, offset) order into a temporary file renamed
 * over the output, so the run's output appears at once, and the staging directory is deleted.
 * Whoever sees all markers combines: the last partition's committer before its commit, or both
 * of two partitions finishing at the same time right after theirs; combining is idempotent.
 */
public final class FileSinkWriter implements SinkWriter<FileSink> {

    private static final Logger LOG = LoggerFactory.getLogger(FileSinkWriter.class);
    private static final Duration ADMIN_PATIENCE = Duration.ofSeconds(30);

    private final String group;
    private final Admin admin;
    private final Map<TopicPartition, Long> assignedAt = new ConcurrentHashMap<>();
    private final Set<StagedPartition> cleaned = ConcurrentHashMap.newKeySet();
    private final Map<StagedPartition, OpenPart> open = new LinkedHashMap<>();
    private final List<Path> published = new ArrayList<>();
    private final Map<String, Completed> completed = new LinkedHashMap<>();

    /** One run's files of one input partition. */
    private record StagedPartition(String runId, TopicPartition partition) {
    }

    private record OpenPart(PartFile file, Path target) {
    }

    /** A run with input partitions completed in the current batch, by shard. */
    private record Completed(SinkRun<FileSink> run, RunFiles files, Set<Integer> ownShards) {
    }

    /** @param group the consumer group whose committed offsets tell which parts and markers count */
    public FileSinkWriter(String group, Admin admin) {
        this.group = group;
        this.admin = admin;
    }

    @Override
    public void assigned(TopicPartition partition, long committedOffset) {
        assignedAt.put(partition, committedOffset);
        cleaned.removeIf(staged -> staged.partition().equals(partition));
    }

    @Override
    public RejectReason write(SinkRun<FileSink> run, InputPosition position, ConsumerRecord<byte[], byte[]> record,
                              GenericRecord value, Consumer<ProducerRecord<byte[], byte[]>> output) {
        RunFiles files = RunFiles.of(run.sink(), run.runId());
        StagedPartition staged = new StagedPartition(run.runId(), position.partition());
        try {
            cleanOnce(staged, files, position.shard());
            OpenPart part = open.get(staged);
            if (part != null && !part.file().schema().equals(value.getSchema())) {
                publish(open.remove(staged));
                part = null;
            }
            if (part == null) {
                Files.createDirectories(files.staging());
                Path target = files.part(position.shard(), position.offset());
                part = new OpenPart(RecordFormat.of(run.sink().format()).open(RunFiles.inProgress(target),
                        value.getSchema()), target);
                open.put(staged, part);
            }
            part.file().write(value);
            return null;
        } catch (RecordRefusedException e) {
            return new RejectReason("write:" + run.sink().format().name().toLowerCase(), null, e.getMessage(),
                    e.getCause().getClass().getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run " + run.runId() + " at " + position + " to " + files.staging(), e);
        }
    }

    @Override
    public void partitionDone(SinkRun<FileSink> run, InputPosition end) {
        RunFiles files = RunFiles.of(run.sink(), run.runId());
        try {
            cleanOnce(new StagedPartition(run.runId(), end.partition()), files, end.shard());
            Files.createDirectories(files.staging());
            Path marker = files.marker(end.shard());
            new DoneMarker(end.partition(), end.offset(), end.shards()).writeTo(marker);
            published.add(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + end + " done for run " + run.runId() + " in " + files.staging(), e);
        }
        completed.computeIfAbsent(run.runId(), id -> new Completed(run, files, new HashSet<>()))
                .ownShards().add(end.shard());
    }

    /** Publishes the batch's parts; combines runs whose other partitions are all committed. */
    @Override
    public void beforeCommit() {
        try {
            for (OpenPart part : open.values()) {
                publish(part);
            }
            open.clear();
            for (Completed run : List.copyOf(completed.values())) {
                if (allCommitted(run.files(), run.ownShards())) {
                    combine(run.run(), run.files());
                    completed.remove(run.run().runId());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the parts of the batch", e);
        }
    }

    /** Runs whose last partitions completed at the same time on several instances: each checks again. */
    @Override
    public void committed() {
        published.clear();
        for (Completed run : List.copyOf(completed.values())) {
            try {
                if (allCommitted(run.files(), Set.of())) {
                    combine(run.run(), run.files());
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("cannot combine the output of run {} into {} after its commit; retried when the run ends",
                        run.run().runId(), run.files().target(), e);
            }
        }
        completed.clear();
    }

    @Override
    public void aborted() {
        for (OpenPart part : open.values()) {
            try {
                part.file().close();
                Files.deleteIfExists(RunFiles.inProgress(part.target()));
            } catch (IOException e) {
                LOG.warn("cannot remove unfinished part {}: {}", part.target(), e.toString());
            }
        }
        open.clear();
        for (Path file : published) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + file + " of an aborted batch", e);
            }
        }
        published.clear();
        completed.clear();
    }

    /**
     * A run that ended: if every partition completed but no combine went through (its committer
     * died right after the commit) it combines now; then its staging directory goes.
     */
    @Override
    public void runFinished(SinkRun<FileSink> run) {
        RunFiles files = RunFiles.of(run.sink(), run.runId());
        try {
            if (Files.isDirectory(files.staging())) {
                if (allCommitted(files, Set.of())) {
                    combine(run, files);
                }
                Durable.deleteTree(files.staging());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot clean up the staging directory {} of run {}", files.staging(), run.runId(), e);
        }
    }

    /** Deletes what an attempt that never committed left of this run's partition, before writing it again. */
    private void cleanOnce(StagedPartition staged, RunFiles files, int shard) throws IOException {
        if (!cleaned.add(staged)) {
            return;
        }
        long committed = assignedAt.getOrDefault(staged.partition(), 0L);
        for (Path file : files.shardFiles(shard)) {
            boolean stale = RunFiles.isPart(file) ? RunFiles.firstOffsetOf(file) >= committed
                    : !RunFiles.isMarker(file) || !DoneMarker.readFrom(file).committed(committed);
            if (stale) {
                LOG.info("deleting {} of run {}: written after {} committed offset {}", file, staged.runId(),
                        staged.partition(), committed);
                Files.deleteIfExists(file);
            }
        }
    }

    private void publish(OpenPart part) throws IOException {
        part.file().close();
        Durable.publish(RunFiles.inProgress(part.target()), part.target());
        published.add(part.target());
    }

    /**
     * Whether every one of the run's input partitions has a marker the group has committed (or
     * that this batch wrote: {@code ownShards}).
     */
    private boolean allCommitted(RunFiles files, Set<Integer> ownShards) throws IOException {
        Map<Integer, DoneMarker> markers = new HashMap<>();
        for (Path marker : files.markers()) {
            markers.put(RunFiles.shardOf(marker), DoneMarker.readFrom(marker));
        }
        if (markers.isEmpty() || markers.size() != markers.values().iterator().next().shards()) {
            return false;
        }
        Map<TopicPartition, Long> committed = committedOffsets();
        return markers.entrySet().stream().allMatch(marker -> ownShards.contains(marker.getKey())
                || marker.getValue().committed(committed.getOrDefault(marker.getValue().partition(), -1L)));
    }

    private Map<TopicPartition, Long> committedOffsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(ADMIN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    result.put(partition, offset.offset());
                }
            });
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the committed offsets of group " + group, e);
        }
    }

    private void combine(SinkRun<FileSink> run, RunFiles files) throws IOException {
        Path combining = files.combining(UUID.randomUUID().toString());
        try {
            List<Path> parts = files.parts();
            if (RecordFormat.of(run.sink().format()).combine(parts, combining)) {
                Durable.publish(combining, files.target());
                LOG.info("run {} written to {} from {} parts", run.runId(), files.target(), parts.size());
            } else {
                LOG.warn("run {} has no records: a {} file needs a schema, so {} is not written", run.runId(),
                        run.sink().format(), files.target());
            }
            Durable.deleteTree(files.staging());
        } catch (NoSuchFileException e) {
            LOG.info("run {}: another instance combined {} first", run.runId(), files.target());
        } finally {
            Files.deleteIfExists(combining);
        }
    }
}
