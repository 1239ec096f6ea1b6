package io.conveyor.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.load.Problem;
import io.conveyor.scheduler.catalog.CatalogChange;
import io.conveyor.scheduler.catalog.DeployedPipeline;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class PipelineDeployerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final int DATA_PARTITIONS = 3;

    private final ConveyorStack stack;
    private final TopicNames topics = new TopicNames(ConveyorStack.uniqueName("deploy"));
    private PipelineCatalog catalog;
    private PipelineDeployer deployer;

    PipelineDeployerTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void start() {
        catalog = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT);
        deployer = new PipelineDeployer(catalog, new SchemaRegistryClient(stack.registryUrl()), topics,
                stack.clientConfig(), DATA_PARTITIONS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    @Test
    void deployedPipelineIsReadBackByASecondCatalog() {
        String yaml = DeployTestPipelines.withSchema("orders", "0 2 * * *", DeployTestPipelines.ORDER_V1_FIELDS);

        DeployResult result = deployer.deploy(yaml, "orders.yaml", Optional.of("alice"));

        assertThat(result).isInstanceOf(DeployResult.Deployed.class);
        try (PipelineCatalog second = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT)) {
            DeployedPipeline read = second.pipeline("orders").orElseThrow();
            assertThat(read.versionNumber()).isEqualTo(1);
            assertThat(read.version().getDefinition()).isEqualTo(yaml);
            assertThat(read.version().getDeployedBy()).isEqualTo("alice");
            assertThat(read.version().getSourceFile()).isEqualTo("orders.yaml");
            assertThat(read.version().getDeployedAt()).isEqualTo(NOW);
            assertThat(read.spec().schedule().orElseThrow().expression()).isEqualTo("0 2 * * *");
            assertThat(read.version().getFingerprint()).isEqualTo(read.spec().fingerprint());
        }
    }

    @Test
    void deployingCreatesTheDataTopicOfEachProducingTaskAndTheDeadLetterTopic() throws Exception {
        String yaml = DeployTestPipelines.withSchema("topics", "0 2 * * *", DeployTestPipelines.ORDER_V1_FIELDS);

        deployer.deploy(yaml, "topics.yaml", Optional.empty());

        List<String> expected = List.of(topics.data("topics", "extract"), topics.data("topics", "clean"),
                topics.deadLetters("topics"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Map<String, TopicDescription> described = admin.describeTopics(expected).allTopicNames().get();
            assertThat(described).hasSize(3);
            assertThat(described.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(DATA_PARTITIONS));
        }
    }

    @Test
    void sameDefinitionMakesNoNewVersionAndAChangedOneDoes() {
        String yaml = DeployTestPipelines.withSchema("daily", "0 2 * * *", DeployTestPipelines.ORDER_V1_FIELDS);
        deployer.deploy(yaml, "daily.yaml", Optional.empty());

        DeployResult reformatted = deployer.deploy("# same pipeline, new comment\n" + yaml, "daily.yaml", Optional.empty());
        DeployResult changed = deployer.deploy(yaml.replace("0 2 * * *", "0 3 * * *"), "daily.yaml", Optional.empty());

        assertThat(reformatted).isInstanceOfSatisfying(DeployResult.Unchanged.class,
                unchanged -> assertThat(unchanged.version().getVersion()).isEqualTo(1));
        assertThat(changed).isInstanceOfSatisfying(DeployResult.Deployed.class,
                deployed -> assertThat(deployed.version().getVersion()).isEqualTo(2));
        try (PipelineCatalog second = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT)) {
            assertThat(second.pipeline("daily").orElseThrow().versionNumber()).isEqualTo(2);
            assertThat(second.pipeline("daily").orElseThrow().spec().schedule().orElseThrow().expression()).isEqualTo("0 3 * * *");
        }
    }

    @Test
    void catalogTellsListenersAboutNewVersions() {
        List<CatalogChange> changes = new CopyOnWriteArrayList<>();
        try (PipelineCatalog watcher = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT)) {
            watcher.addListener(changes::add);

            deployer.deploy(DeployTestPipelines.withSchema("watched", "@daily", DeployTestPipelines.ORDER_V1_FIELDS),
                    "watched.yaml", Optional.empty());
            watcher.catchUp();

            assertThat(changes).singleElement().isInstanceOfSatisfying(CatalogChange.Deployed.class,
                    deployed -> assertThat(deployed.current().name()).isEqualTo("watched"));
        }
    }

    @Test
    void invalidFileIsRefusedWithEveryProblemAndPublishesNothing() {
        DeployResult result = deployer.deploy("""
                name: broken
                schedule: "61 * * * *"
                tasks:
                  - id: a
                    kind: extrakt
                """, "broken.yaml", Optional.empty());

        assertThat(result).isInstanceOfSatisfying(DeployResult.Refused.class, refused -> {
            assertThat(refused.problems()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(refused.problems()).extracting(Problem::toString)
                    .anySatisfy(problem -> assertThat(problem).startsWith("broken.yaml:2:").contains("schedule"))
                    .anySatisfy(problem -> assertThat(problem).startsWith("broken.yaml:5:").contains("tasks[0].kind"));
        });
        catalog.catchUp();
        assertThat(catalog.latestVersion("broken")).isEmpty();
    }

    @Test
    void incompatibleTargetSchemaChangeIsRefusedWithTheRegistrysReasons() {
        deployer.deploy(DeployTestPipelines.withSchema("evolving", "@daily", DeployTestPipelines.ORDER_V1_FIELDS),
                "evolving.yaml", Optional.empty());

        DeployResult breaking = deployer.deploy(
                DeployTestPipelines.withSchema("evolving", "@daily", DeployTestPipelines.ORDER_REQUIRED_FIELD_ADDED),
                "evolving.yaml", Optional.empty());
        DeployResult compatible = deployer.deploy(
                DeployTestPipelines.withSchema("evolving", "@daily", DeployTestPipelines.ORDER_OPTIONAL_FIELD_ADDED),
                "evolving.yaml", Optional.empty());

        assertThat(breaking).isInstanceOfSatisfying(DeployResult.Incompatible.class, incompatible ->
                assertThat(incompatible.conflicts()).singleElement().satisfies(conflict -> {
                    assertThat(conflict.task()).isEqualTo("clean");
                    assertThat(conflict.subject()).isEqualTo(topics.data("evolving", "clean") + "-value");
                    assertThat(conflict.reasons()).isNotEmpty().anySatisfy(reason -> assertThat(reason).contains("currency"));
                }));
        assertThat(compatible).isInstanceOfSatisfying(DeployResult.Deployed.class,
                deployed -> assertThat(deployed.version().getVersion()).isEqualTo(2));
        assertThat(new SchemaRegistryClient(stack.registryUrl()).latest(topics.data("evolving", "clean") + "-value")
                .schema().getField("note")).isNotNull();
    }

    @Test
    void concurrentDeployersNeverPublishTheSameVersionTwice() throws Exception {
        String base = DeployTestPipelines.withSchema("raced", "@daily", DeployTestPipelines.ORDER_V1_FIELDS);
        List<String> variants = List.of(base, base.replace("@daily", "@hourly"), base.replace("@daily", "@weekly"),
                base.replace("@daily", "@monthly"));
        PipelineCatalog otherCatalog = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT);
        PipelineDeployer other = new PipelineDeployer(otherCatalog, new SchemaRegistryClient(stack.registryUrl()), topics,
                stack.clientConfig(), DATA_PARTITIONS, Clock.systemUTC());
        try (otherCatalog) {
            Thread racer = new Thread(() -> variants.subList(2, 4).forEach(yaml -> other.deploy(yaml, "raced.yaml", Optional.empty())));
            racer.start();
            variants.subList(0, 2).forEach(yaml -> deployer.deploy(yaml, "raced.yaml", Optional.empty()));
            racer.join();
        }

        catalog.catchUp();
        assertThat(catalog.latestVersion("raced").map(PipelineVersion::getVersion)).contains(4);
    }
}
