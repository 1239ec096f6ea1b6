package io.conveyor.scheduler.catalog;

import io.conveyor.control.PipelineVersion;
import io.conveyor.kafka.CompactedTopicLog;
import io.conveyor.kafka.CompactedTopicLog.TopicReadException;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.Trust;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployed pipelines, held in memory as the fold of the compacted {@code {prefix}.pipelines}
 * topic (latest {@link PipelineVersion} per pipeline name). Pipelines are few, so everything is
 * kept. Starting reads the topic to its end; afterwards the catalog follows it and tells listeners
 * about every change. Thread-safe.
 */
public final class PipelineCatalog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineCatalog.class);

    private final Map<String, PipelineVersion> latestVersions = new ConcurrentHashMap<>();
    private final Map<String, DeployedPipeline> pipelines = new ConcurrentHashMap<>();
    private final List<Consumer<CatalogChange>> listeners = new CopyOnWriteArrayList<>();
    private CompactedTopicLog<String, PipelineVersion> log;

    private PipelineCatalog() {
    }

    /**
     * Reads the pipelines topic to its end (creating it, compacted, when missing) and follows it.
     *
     * @param clientConfig Kafka client settings and {@code schema.registry.url}
     */
    public static PipelineCatalog start(Map<String, Object> clientConfig, TopicNames topics, Duration timeout) {
        ControlTopics.ensureCompacted(clientConfig, topics.pipelines());
        PipelineCatalog catalog = new PipelineCatalog();
        try {
            catalog.log = CompactedTopicLog.follow(clientConfig, topics.pipelines(), new StringDeserializer(),
                    versionDeserializer(clientConfig), record -> catalog.apply(record.key(), record.value()), timeout);
        } catch (TopicReadException e) {
            throw new CatalogException(e.getMessage(), e);
        }
        return catalog;
    }

    /** The pipelines whose current version is readable, by name. */
    public List<DeployedPipeline> pipelines() {
        return pipelines.values().stream().sorted(Comparator.comparing(DeployedPipeline::name)).toList();
    }

    public Optional<DeployedPipeline> pipeline(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    /** The last version record of a pipeline, also when it is deleted or its definition unreadable. */
    public Optional<PipelineVersion> latestVersion(String name) {
        return Optional.ofNullable(latestVersions.get(name));
    }

    /** Listeners run on the catalog's reading thread and must return quickly. */
    public void addListener(Consumer<CatalogChange> listener) {
        listeners.add(listener);
    }

    /** Waits until every version committed before this call is in the catalog. */
    public void catchUp() {
        try {
            log.readToEnd();
        } catch (TopicReadException e) {
            throw new CatalogException(e.getMessage(), e);
        }
    }

    private void apply(String name, PipelineVersion version) {
        if (version == null) {
            latestVersions.remove(name);
            remove(name);
            return;
        }
        latestVersions.put(name, version);
        if (version.getDeleted()) {
            remove(name);
            return;
        }
        parse(version).ifPresentOrElse(spec -> {
            DeployedPipeline current = new DeployedPipeline(version, spec);
            pipelines.put(name, current);
            notifyListeners(new CatalogChange.Deployed(current));
        }, () -> remove(name));
    }

    private void remove(String name) {
        if (pipelines.remove(name) != null) {
            notifyListeners(new CatalogChange.Removed(name));
        }
    }

    private static Optional<PipelineSpec> parse(PipelineVersion version) {
        String file = Optional.ofNullable(version.getSourceFile()).orElse(version.getName() + ".yaml");
        try {
            return Optional.of(PipelineLoader.parse(version.getDefinition(), file, Trust.STORED));
        } catch (PipelineValidationException e) {
            // A definition accepted at deploy time can only become unreadable when the pipeline format changes.
            LOG.error("Version {} of pipeline {} is no longer a valid pipeline and is ignored:\n{}",
                    version.getVersion(), version.getName(), e.getMessage());
            return Optional.empty();
        }
    }

    private void notifyListeners(CatalogChange change) {
        for (Consumer<CatalogChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // One failing listener must not stop the catalog, which every other reader depends on.
                LOG.error("A catalog listener failed on the change {} of pipeline {}", change, change.pipeline(), e);
            }
        }
    }

    private static Deserializer<PipelineVersion> versionDeserializer(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        Deserializer<PipelineVersion> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        return deserializer;
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
