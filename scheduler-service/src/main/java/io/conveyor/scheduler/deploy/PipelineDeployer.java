package io.conveyor.scheduler.deploy;

import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskKind;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.SecretEnvAllowList;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.pipeline.spec.load.Problem;
import io.conveyor.pipeline.spec.load.Trust;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
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
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

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

    private static final int ATTEMPTS = 5;
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
            }
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
            PipelineTopics.ensure(clientConfig, topics, draft.spec(), dataTopicPartitions);
            PipelineVersion next = draft.version(previous.map(PipelineVersion::getVersion).orElse(0) + 1, clock);
            commit(producer, next);
        }
        catalog.catchUp();
        return new DeployResult.Deployed(catalog.latestVersion(name).orElseThrow());
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

        PipelineVersion version(int number, Clock clock) {
            return PipelineVersion.newBuilder()
                    .setName(spec.name())
                    .setVersion(number)
                    .setFingerprint(fingerprint())
                    .setDefinition(yaml)
                    .setSourceFile(fileName)
                    .setDeployedBy(deployedBy.orElse(null))
                    .setDeployedAt(clock.instant())
                    .setDeleted(false)
                    .build();
        }
    }
}
