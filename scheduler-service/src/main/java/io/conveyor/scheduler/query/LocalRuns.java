package io.conveyor.scheduler.query;

import io.conveyor.scheduler.tracker.RunKeys;
import io.conveyor.scheduler.tracker.TrackedRun;
import io.conveyor.scheduler.tracker.TrackerStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The runs this instance's stores hold. History pages are read per partition, because each
 * partition's index is newest first but a store spanning several partitions only concatenates them.
 */
public final class LocalRuns {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;

    public LocalRuns(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<TrackedRun> find(String runId) {
        return Optional.ofNullable(store(StoreQueryParameters.fromNameAndType(TrackerStores.RUNS,
                QueryableStoreTypes.<String, TrackedRun>keyValueStore())).get(runId));
    }

    /** Every run of this instance's active partitions, one at a time, without holding them all. */
    public void forEach(Consumer<TrackedRun> action) {
        for (int partition : localPartitions()) {
            ReadOnlyKeyValueStore<String, TrackedRun> runs = store(StoreQueryParameters
                    .fromNameAndType(TrackerStores.RUNS, QueryableStoreTypes.<String, TrackedRun>keyValueStore())
                    .withPartition(partition));
            try (KeyValueIterator<String, TrackedRun> all = runs.all()) {
                all.forEachRemaining(entry -> action.accept(entry.value));
            }
        }
    }

    /** The first {@code filter.offset() + filter.limit()} matching runs of each local partition, merged. */
    public RunPage page(RunFilter filter) {
        RunFilter wanted = filter.fromStart();
        List<RunPage> pages = new ArrayList<>();
        for (int partition : localPartitions()) {
            pages.add(new RunPage(scan(partition, wanted), 0, wanted.limit()));
        }
        return RunPage.merge(pages, filter.offset(), filter.limit());
    }

    private List<RunSummary> scan(int partition, RunFilter filter) {
        String indexName = filter.pipeline().isPresent() ? TrackerStores.RUNS_BY_PIPELINE : TrackerStores.RUNS_BY_TIME;
        ReadOnlyKeyValueStore<String, String> index = store(StoreQueryParameters
                .fromNameAndType(indexName, QueryableStoreTypes.<String, String>keyValueStore()).withPartition(partition));
        ReadOnlyKeyValueStore<String, TrackedRun> runs = store(StoreQueryParameters
                .fromNameAndType(TrackerStores.RUNS, QueryableStoreTypes.<String, TrackedRun>keyValueStore())
                .withPartition(partition));
        List<RunSummary> found = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = filter.pipeline()
                .map(pipeline -> index.prefixScan(RunKeys.pipelinePrefix(pipeline), KEYS))
                .orElseGet(index::all)) {
            while (entries.hasNext() && found.size() < filter.limit()) {
                Optional.ofNullable(runs.get(entries.next().value)).map(RunSummary::of).filter(filter::matches)
                        .ifPresent(found::add);
            }
        }
        return found;
    }

    /** The tracker has one sub-topology, so a task's partition is a partition of the run stores. */
    private Set<Integer> localPartitions() {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().partition())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private <T> T store(StoreQueryParameters<T> parameters) {
        return streams.store(parameters);
    }
}
