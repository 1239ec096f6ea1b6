package io.conveyor.scheduler.deploy;

import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.pipeline.spec.load.Trust;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.scheduler.catalog.PipelineTopics;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.RegistryClientException;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Deletes a pipeline with what belongs to it: first its catalog entry (a version record marked
 * {@code deleted}, so no replica schedules it and the tracker starts no run of it from then on),
 * then its schedule's stored progress (so a pipeline deployed later under the name starts its
 * schedule afresh), its topics and their registry subjects. The topics are those its definition
 * names ({@link PipelineTopics#owned}); nothing is found by listing names. Calling it again after a
 * failure finishes the job: the deleted version record still holds the definition.
 */
public final class PipelineRemoval {

    private final PipelineDeployer deployer;
    private final SchemaRegistryClient registry;
    private final TopicNames topics;
    private final Map<String, Object> clientConfig;

    public PipelineRemoval(PipelineDeployer deployer, SchemaRegistryClient registry, TopicNames topics,
                           Map<String, Object> clientConfig) {
        this.deployer = Objects.requireNonNull(deployer, "deployer");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** What a removal deleted; topics and subjects that were already gone are not listed. */
    public record Removed(PipelineVersion version, List<String> topics, List<String> subjects) {
    }

    /**
     * @return empty when no version of the pipeline was ever deployed
     * @throws DeployException when Kafka or the registry failed; calling again is safe
     */
    public Optional<Removed> remove(String name) {
        Optional<PipelineVersion> deleted = deployer.markDeleted(name);
        if (deleted.isEmpty()) {
            return Optional.empty();
        }
        PipelineSpec spec = spec(deleted.get());
        forgetSchedule(name);
        List<String> owned = PipelineTopics.owned(topics, spec);
        List<String> removedTopics;
        try {
            removedTopics = ControlTopics.delete(clientConfig, owned);
        } catch (IllegalStateException e) {
            throw new DeployException("Pipeline " + name + " is deleted but its topics are not all: " + e.getMessage()
                    + "; delete it again to finish", e);
        }
        List<String> removedSubjects = new ArrayList<>();
        try {
            for (String topic : owned) {
                for (String subject : List.of(topic + "-value", topic + "-key")) {
                    if (registry.deleteSubject(subject)) {
                        removedSubjects.add(subject);
                    }
                }
            }
        } catch (RegistryClientException e) {
            throw new DeployException("Pipeline " + name + " and its topics are deleted but not all of its registry"
                    + " subjects: " + e.getMessage() + "; delete it again to finish", e);
        }
        return Optional.of(new Removed(deleted.get(), removedTopics, removedSubjects));
    }

    private static PipelineSpec spec(PipelineVersion version) {
        String file = Optional.ofNullable(version.getSourceFile()).orElse(version.getName() + ".yaml");
        try {
            return PipelineLoader.parse(version.getDefinition(), file, Trust.STORED);
        } catch (PipelineValidationException e) {
            throw new IllegalStateException("the stored definition of pipeline " + version.getName()
                    + " no longer loads, so its topics cannot be named: " + e.getMessage(), e);
        }
    }

    /** A tombstone for the pipeline's progress on the scheduler-state topic. */
    private void forgetSchedule(String name) {
        ControlTopics.ensureCompacted(clientConfig, topics.schedulerState());
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.schedulerState(), name, null)).get();
        } catch (ExecutionException | KafkaException e) {
            throw new DeployException("Pipeline " + name + " is deleted but its schedule's progress on "
                    + topics.schedulerState() + " is not: " + e.getMessage() + "; delete it again to finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted deleting pipeline " + name, e);
        }
    }
}
