package io.conveyor.scheduler.deploy;

import io.conveyor.kafka.TopicCreator;
import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskKind;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.SecretEnvAllowList;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.pipeline.spec.load.Problem;
import io.conveyor.pipeline.spec.load.Trust;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.scheduler.catalog.PipelineTopics;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys pipelines: validates the YAML, refuses target schemas that the registry would refuse,
 * registers them, and publishes a new {@link PipelineVersion} when the fingerprint changed.
 *
 * <p><b>Concurrent deployers</b> of the same pipeline agree on version numbers the way the registry
 * agrees on ids: every deployment of pipeline {@code p} writes in a Kafka transaction whose
 * {@code transactional.id} is {@code {prefix}.deployer.{p}}. Initialising that producer fences every
 * earlier deployer of {@code p}, and the version is planned only after that, on a catalog read to the
 * end. A deployer that lost the race is fenced at commit, so its version never becomes visible, and
 * it plans again on the new state. Two deployers therefore never publish the same version number, and
 * a redeployment of the winner's definition is recognised as unchanged.
 */
public final class PipelineDeployer {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineDeployer.class);
    private static final int ATTEMPTS = 10;
    /**
     * The largest pipeline file, in UTF-8 bytes. A version, definition included, is one record on the
     * catalog topic, whose brokers refuse records over 1 MB by default; checking first keeps a refused
     * file from creating topics it then cannot use.
     */
    public static final int MAX_DEFINITION_BYTES = 512 * 1024;

    private final PipelineCatalog catalog;
    private final SchemaRegistryClient registry;
    private final TopicNames topics;
    private final Map<String, Object> clientConfig;
    private final int dataTopicPartitions;
    private final Clock clock;
    private final Trust trust;

    /** A deployer with the default trust of a deployed scheduler ({@link Trust#deployed}, literal passwords refused). */
    public PipelineDeployer(PipelineCatalog catalog, SchemaRegistryClient registry, TopicNames topics,
                            Map<String, Object> clientConfig, int dataTopicPartitions, Clock clock) {
        this(catalog, registry, topics, clientConfig, dataTopicPartitions, clock,
                Trust.deployed(SecretEnvAllowList.DEFAULT, false, ControlPlaneSettings.SECRET_ENV_ALLOW_KEY));
    }

    /**
     * @param clientConfig        Kafka producer settings and {@code schema.registry.url}
     * @param dataTopicPartitions partitions of the pipeline's data and dead-letter topics, when they are created
     * @param trust               what a deployed definition may hold: never schema files read on this host
     */
    public PipelineDeployer(PipelineCatalog catalog, SchemaRegistryClient registry, TopicNames topics,
                            Map<String, Object> clientConfig, int dataTopicPartitions, Clock clock, Trust trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clientConfig = Map.copyOf(clientConfig);
        this.dataTopicPartitions = dataTopicPartitions;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param fileName   labels validation problems and is stored with the version
     * @param deployedBy who deploys, stored with the version
     * @throws DeployException when Kafka or the registry fails
     */
    public DeployResult deploy(String yaml, String fileName, Optional<String> deployedBy) {
        int bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DEFINITION_BYTES) {
            return new DeployResult.Refused(List.of(new Problem(fileName, 1, 1, "",
                    "the file has %,d bytes, more than the limit of %,d bytes for a pipeline file".formatted(bytes,
                            MAX_DEFINITION_BYTES))));
        }
        PipelineSpec spec;
        try {
            spec = PipelineLoader.parse(yaml, fileName, trust, TaskKind.EXECUTED);
        } catch (PipelineValidationException e) {
            return new DeployResult.Refused(e.problems());
        }
        Draft draft = new Draft(spec, yaml, fileName, deployedBy);
        for (int attempt = 1; ; attempt++) {
            try {
                return publish(draft);
            } catch (ProducerFencedException | InvalidProducerEpochException raced) {
                if (attempt == ATTEMPTS) {
                    throw new DeployException("Pipeline " + spec.name() + " was deployed concurrently " + ATTEMPTS
                            + " times while this deployment planned its version; try again", raced);
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Two deployers of one pipeline fence each other by initialising the same transactional id; a random,
     * growing pause keeps them from doing it in lockstep until both give up.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20L * attempt, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted while deploying", e);
        }
    }

    private DeployResult publish(Draft draft) {
        String name = draft.spec().name();
        try (KafkaProducer<String, PipelineVersion> producer = producer(name)) {
            producer.initTransactions();
            catalog.catchUp();
            Optional<PipelineVersion> previous = catalog.latestVersion(name);
            if (previous.isPresent() && !previous.get().getDeleted()
                    && previous.get().getFingerprint().equals(draft.fingerprint())) {
                return new DeployResult.Unchanged(previous.get());
            }
            TargetSchemas schemas = TargetSchemas.of(draft.spec(), topics, registry);
            List<SchemaConflict> conflicts = schemas.conflicts();
            if (!conflicts.isEmpty()) {
                return new DeployResult.Incompatible(conflicts);
            }
            schemas.register();
            List<String> created = createTopics(draft.spec());
            // A paused pipeline stays paused when a new version is deployed, as a DAG's pause survives edits in Airflow.
            boolean paused = previous.filter(version -> !version.getDeleted()).map(PipelineVersion::getPaused).orElse(false);
            PipelineVersion next = draft.version(previous.map(PipelineVersion::getVersion).orElse(0) + 1, paused, clock);
            try {
                commit(producer, next);
            } catch (ProducerFencedException | InvalidProducerEpochException raced) {
                // The winner deploys the same pipeline and may use the topics this attempt created: they stay.
                throw raced;
            } catch (RuntimeException failed) {
                removeCreated(created, failed);
                throw failed;
            }
        }
        catalog.catchUp();
        return new DeployResult.Deployed(catalog.latestVersion(name).orElseThrow());
    }

    /** The pipeline's topics; when one cannot be created, those created before it are removed again. */
    private List<String> createTopics(PipelineSpec spec) {
        try {
            return PipelineTopics.createMissing(clientConfig, topics, spec, dataTopicPartitions);
        } catch (TopicCreator.TopicCreationException e) {
            DeployException failed = new DeployException(e.getMessage(), e.getCause());
            removeCreated(e.created(), failed);
            throw failed;
        }
    }

    /** A refused deployment leaves no topic behind: only the topics this attempt created are deleted. */
    private void removeCreated(List<String> created, RuntimeException failure) {
        if (created.isEmpty()) {
            return;
        }
        try {
            ControlTopics.delete(clientConfig, created);
            LOG.warn("Deployment failed ({}); deleted the topics it had created: {}", failure.getMessage(), created);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.error("Deployment failed ({}) and the topics it created could not all be deleted: {}",
                    failure.getMessage(), created, e);
        }
    }

    /**
     * Pauses or unpauses the pipeline's current version: the same version, published again with the
     * flag, in the deployers' transaction so that it cannot interleave with a deployment of the pipeline.
     *
     * @return the version as it now stands; empty when the pipeline is not deployed
     */
    public Optional<PipelineVersion> setPaused(String name, boolean paused) {
        return republish(name, current -> PipelineVersion.newBuilder(current).setPaused(paused).build(), false);
    }

    /**
     * Marks the pipeline deleted on the pipelines topic (a version record with {@code deleted}, which keeps
     * the version count so a later deployment of the name continues it), after which no replica schedules
     * it and the tracker starts no run of it.
     *
     * @return the deleted version; empty when the pipeline is not deployed
     */
    public Optional<PipelineVersion> markDeleted(String name) {
        return republish(name, current -> PipelineVersion.newBuilder(current).setDeleted(true).build(), true);
    }

    private Optional<PipelineVersion> republish(String name, java.util.function.UnaryOperator<PipelineVersion> change,
                                                boolean alreadyDoneCounts) {
        for (int attempt = 1; ; attempt++) {
            try (KafkaProducer<String, PipelineVersion> producer = producer(name)) {
                producer.initTransactions();
                catalog.catchUp();
                Optional<PipelineVersion> current = catalog.latestVersion(name);
                if (current.isEmpty() || current.get().getDeleted()) {
                    return alreadyDoneCounts ? current : Optional.empty();
                }
                PipelineVersion next = change.apply(current.get());
                if (!next.equals(current.get())) {
                    commit(producer, next);
                }
            } catch (ProducerFencedException | InvalidProducerEpochException raced) {
                if (attempt == ATTEMPTS) {
                    throw new DeployException("Pipeline " + name + " was deployed concurrently " + ATTEMPTS
                            + " times while this change was planned; try again", raced);
                }
                continue;
            }
            catalog.catchUp();
            return catalog.latestVersion(name);
        }
    }

    private void commit(KafkaProducer<String, PipelineVersion> producer, PipelineVersion version) {
        producer.beginTransaction();
        try {
            producer.send(new ProducerRecord<>(topics.pipelines(), version.getName(), version)).get();
            producer.commitTransaction();
        } catch (ExecutionException e) {
            producer.abortTransaction();
            throw new DeployException("Cannot publish version " + version.getVersion() + " of pipeline "
                    + version.getName() + " to " + topics.pipelines() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted publishing pipeline " + version.getName(), e);
        } catch (ProducerFencedException | InvalidProducerEpochException raced) {
            // Not a failure: another deployer of this pipeline won; deploy() plans again.
            throw raced;
        } catch (KafkaException e) {
            throw new DeployException("Cannot commit version " + version.getVersion() + " of pipeline "
                    + version.getName() + ": " + e.getMessage(), e);
        }
    }

    private KafkaProducer<String, PipelineVersion> producer(String pipeline) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + ".deployer." + pipeline);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        Serializer<PipelineVersion> values = new ConfluentAvroSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    private record Draft(PipelineSpec spec, String yaml, String fileName, Optional<String> deployedBy) {

        String fingerprint() {
            return spec.fingerprint();
        }

        PipelineVersion version(int number, boolean paused, Clock clock) {
            return PipelineVersion.newBuilder()
                    .setName(spec.name())
                    .setVersion(number)
                    .setFingerprint(fingerprint())
                    .setDefinition(yaml)
                    .setSourceFile(fileName)
                    .setDeployedBy(deployedBy.orElse(null))
                    .setDeployedAt(clock.instant())
                    .setDeleted(false)
                    .setPaused(paused)
                    .build();
        }
    }
}
