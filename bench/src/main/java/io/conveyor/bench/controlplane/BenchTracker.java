package io.conveyor.bench.controlplane;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.tracker.TrackerFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The scheduler service in this JVM, as its Micronaut context wires it: the DAG tracker, and the
 * cron scheduler and catalog (the bench pipelines have no schedule, so the cron loop only ticks).
 */
final class BenchTracker implements AutoCloseable {

    static final String APPLICATION_ID = "bench-tracker";

    private final ApplicationContext context;
    private final Path stateDir;

    private BenchTracker(ApplicationContext context, Path stateDir) {
        this.context = context;
        this.stateDir = stateDir;
    }

    static BenchTracker start(BenchStack stack, Duration commitInterval) {
        Path stateDir = temporaryDirectory();
        ApplicationContext context = ApplicationContext.builder()
                .environments(SchedulerApplication.ENVIRONMENT)
                .properties(Map.of(
                        "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                        "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                        "conveyor.kafka.topic-prefix", stack.topics().prefix(),
                        "conveyor.tracker.enabled", true,
                        "conveyor.tracker.application-id", APPLICATION_ID,
                        "conveyor.tracker.state-dir", stateDir.toString(),
                        "conveyor.tracker.application-server", "localhost:0",
                        "conveyor.tracker.commit-interval", commitInterval.toMillis() + "ms"))
                .start();
        var tracker = new BenchTracker(context, stateDir);
        tracker.awaitRunning();
        return tracker;
    }

    /** Records of the topic the tracker has not yet consumed (and committed), over all partitions. */
    long lag(Admin admin, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                .partitionsToOffsetAndMetadata().get();
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        long lag = 0;
        for (int p = 0; p < partitions; p++) {
            var partition = new TopicPartition(topic, p);
            ListOffsetsResultInfo end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get();
            OffsetAndMetadata done = committed.get(partition);
            lag += end.offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Bytes in the Kafka Streams state directory: the RocksDB stores and their checkpoints. */
    long stateDirBytes() {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).mapToLong(BenchTracker::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + stateDir, e);
        }
    }

    Path stateDir() {
        return stateDir;
    }

    private void awaitRunning() {
        KafkaStreams streams = context.getBean(KafkaStreams.class, Qualifiers.byName(TrackerFactory.TRACKER));
        Waits.until("the tracker to run", Duration.ofMinutes(2), () -> streams.state() == KafkaStreams.State.RUNNING);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            // RocksDB deletes obsolete files while we walk.
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + file, e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bench-tracker-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the service and deletes its state directory (a million runs take over a gigabyte). */
    @Override
    public void close() {
        context.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(BenchTracker::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + stateDir, e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
