package io.conveyor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.security.Principals;
import io.conveyor.security.Roles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every overlay of deploy/kubernetes with kubectl kustomize (as CI does with Debian's kubectl 1.20,
 * whose kustomize is v2.0.3) and validates each document against the Kubernetes API model, then checks what
 * a production deployment needs: probes on the health endpoints, resources, a non-root security context,
 * disruption budgets, services, environment variables the services read, and autoscalers that target
 * workloads that exist.
 */
class KubernetesManifestsTest {

    private static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "minReplicaCount", "maxReplicaCount",
            "cooldownPeriod", "pollingInterval", "idleReplicaCount", "fallback", "advanced", "triggers");
    private static final Set<String> KAFKA_TRIGGER_METADATA = Set.of("bootstrapServers", "consumerGroup", "topic",
            "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
            "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version", "sasl", "tls");

    private static KubernetesManifests rendered(String overlay) throws Exception {
        String yaml = KubernetesManifests.render(DeployPaths.project().resolve("deploy/kubernetes/overlays").resolve(overlay));
        List<String> problems = new ArrayList<>();
        KubernetesManifests manifests = KubernetesManifests.parse(yaml, problems);
        assertThat(problems).as("overlay %s:\n%s", overlay, yaml).isEmpty();
        return manifests;
    }

    @Test
    void aMisspelledOrMisplacedFieldIsReportedWithItsPath() throws Exception {
        List<String> problems = new ArrayList<>();
        KubernetesManifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  selector: {matchLabels: {app: broken}}
                  template:
                    metadata: {labels: {app: broken}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          livenessProbes: {httpGet: {path: /health, port: 8080}}
                          resources: {requests: {cpu: 1}, limit: {memory: 1Gi}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: unknown-kind}
                """, problems);

        assertThat(problems).hasSize(3).contains(
                "Deployment broken.spec.template.spec.containers[0]: unknown field(s) [livenessProbes]",
                "Deployment broken.spec.template.spec.containers[0].resources: unknown field(s) [limit]");
        assertThat(problems).anySatisfy(problem ->
                assertThat(problem).startsWith("Pod unknown-kind: apiVersion v1 kind Pod is none the checks know"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "local-keda", "local-hpa"})
    void everyWorkloadHasHealthProbesResourcesANonRootSecurityContextAndAGracePeriod(String overlay) throws Exception {
        KubernetesManifests manifests = rendered(overlay);
        Map<String, PodTemplateSpec> workloads = workloads(manifests);

        assertThat(workloads.keySet()).containsExactlyInAnyOrder("conveyor-scheduler", "conveyor-extractor",
                "conveyor-transformer", "conveyor-loader", "conveyor-schema-registry");
        workloads.forEach((name, template) -> {
            var pod = template.getSpec();
            assertThat(pod.getTerminationGracePeriodSeconds()).as(name).isNotNull().isGreaterThanOrEqualTo(30L);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(65532L);
            assertThat(pod.getContainers()).as(name).hasSize(1);
            Container container = pod.getContainers().get(0);
            assertThat(container.getImage()).as(name).startsWith("conveyor/" + container.getName() + ":");
            assertThat(container.getPorts()).as(name).anySatisfy(port -> assertThat(port.getName()).isEqualTo("http"));
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/health/readiness");
            assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).as(name).isEqualTo("http");
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            // A read-only root file system needs a writable /tmp (native libraries unpack there).
            assertThat(container.getVolumeMounts()).as(name).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            // Prometheus finds the metrics endpoint on the service's own HTTP port.
            String port = container.getEnv().stream().filter(env -> env.getName().equals("MICRONAUT_SERVER_PORT"))
                    .findFirst().orElseThrow().getValue();
            assertThat(template.getMetadata().getAnnotations()).as(name).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/prometheus").containsEntry("prometheus.io/port", port);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "local-keda", "local-hpa"})
    void everyWorkloadHasADisruptionBudgetAndAServiceThatSelectIt(String overlay) throws Exception {
        KubernetesManifests manifests = rendered(overlay);
        workloads(manifests).forEach((name, template) -> {
            Map<String, String> labels = template.getMetadata().getLabels();
            assertThat(manifests.all(PodDisruptionBudget.class)).as(name)
                    .anySatisfy(pdb -> assertThat(labels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
            assertThat(manifests.all(Service.class)).as(name)
                    .anySatisfy(service -> assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector()));
        });
        StatefulSet scheduler = manifests.all(StatefulSet.class).get(0);
        assertThat(manifests.all(Service.class)).anySatisfy(service -> {
            assertThat(service.getMetadata().getName()).isEqualTo(scheduler.getSpec().getServiceName());
            assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "local-keda", "local-hpa"})
    void environmentVariablesAreOnesTheServicesReadAndTheirReferencesResolve(String overlay) throws Exception {
        KubernetesManifests manifests = rendered(overlay);
        Map<String, Map<String, String>> configMaps = manifests.all(ConfigMap.class).stream()
                .collect(Collectors.toMap(map -> map.getMetadata().getName(), ConfigMap::getData));
        Map<String, Set<String>> secrets = manifests.all(Secret.class).stream()
                .collect(Collectors.toMap(secret -> secret.getMetadata().getName(), secret -> secret.getData().keySet()));

        workloads(manifests).forEach((name, template) -> {
            Container container = template.getSpec().getContainers().get(0);
            Set<String> names = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
            assertThat(names).as(name).allSatisfy(env -> assertThat(ServiceEnvironment.reads(container.getName(), env))
                    .as(env + " is read by " + container.getName()).isTrue());
            assertThat(names).as(name).contains("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS");
            assertTakesTheKafkaClientSecret(name, container);
            for (EnvVar env : container.getEnv()) {
                var from = env.getValueFrom();
                if (from != null && from.getConfigMapKeyRef() != null) {
                    assertThat(configMaps.get(from.getConfigMapKeyRef().getName())).as(name + " " + env.getName())
                            .containsKey(from.getConfigMapKeyRef().getKey());
                }
                if (from != null && from.getSecretKeyRef() != null) {
                    assertThat(secrets.get(from.getSecretKeyRef().getName())).as(name + " " + env.getName())
                            .contains(from.getSecretKeyRef().getKey());
                }
            }
        });
        // The tracker's state directory is the StatefulSet's persistent volume.
        StatefulSet scheduler = manifests.all(StatefulSet.class).get(0);
        Container container = scheduler.getSpec().getTemplate().getSpec().getContainers().get(0);
        String stateDir = container.getEnv().stream().filter(env -> env.getName().equals("CONVEYOR_TRACKER_STATE_DIR"))
                .findFirst().orElseThrow().getValue();
        // The tracker is switched on explicitly.
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("CONVEYOR_TRACKER_ENABLED");
            assertThat(env.getValue()).isEqualTo("true");
        });
        // The REST API authenticates, its principals from a Secret.
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("CONVEYOR_SECURITY_ENABLED");
            assertThat(env.getValue()).isEqualTo("true");
        });
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("CONVEYOR_SECURITY_USERS");
            // (the overlay's secretGenerator appends a hash of the content to the name)
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).startsWith("conveyor-credentials");
        });
        // A standby copy of the run stores on another pod.
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("CONVEYOR_TRACKER_STANDBY_REPLICAS");
            assertThat(Integer.parseInt(env.getValue())).isPositive();
        });
        // Each pod is a static member of the tracker's group under its own stable name.
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("CONVEYOR_TRACKER_INSTANCE_ID");
            assertThat(env.getValue()).isEqualTo("$(POD_NAME)");
        });
        String claim = scheduler.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(claim);
            assertThat(stateDir).startsWith(mount.getMountPath());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "local-keda", "local-hpa"})
    void theRegistryAuthenticatesTheDataServicesAsOperatorsAndTheSchedulerAsAdminWithCredentialsFromTheSecret(String overlay)
            throws Exception {
        KubernetesManifests manifests = rendered(overlay);
        Map<String, PodTemplateSpec> workloads = workloads(manifests);
        Container registry = workloads.get("conveyor-schema-registry").getSpec().getContainers().get(0);
        assertThat(registry.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("CONVEYOR_SECURITY_ENABLED");
            assertThat(env.getValue()).isEqualTo("true");
        });
        Secret credentials = manifests.all(Secret.class).stream()
                .filter(secret -> secret.getMetadata().getName().startsWith("conveyor-credentials")).findFirst().orElseThrow();
        Principals principals = Principals.parse(List.of(secretValue(credentials, secretKeyOf(registry, "CONVEYOR_SECURITY_USERS",
                credentials)).split(",")), "registry-users");

        Map<String, String> roleByService = Map.of("conveyor-extractor", Roles.OPERATOR, "conveyor-transformer", Roles.OPERATOR,
                "conveyor-loader", Roles.OPERATOR, "conveyor-scheduler", Roles.ADMIN);
        roleByService.forEach((name, role) -> {
            Container container = workloads.get(name).getSpec().getContainers().get(0);
            String[] userInfo = secretValue(credentials, secretKeyOf(container, "CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO",
                    credentials)).split(":", 2);
            // The user:secret the service sends is a registry principal with the role its requests need.
            assertThat(principals.byPassword(userInfo[0], userInfo[1])).as(name + " at the registry")
                    .hasValueSatisfying(principal -> assertThat(principal.roles()).contains(role));
        });
    }

    /** The key of the Secret an environment variable of the container is read from. */
    private static String secretKeyOf(Container container, String variable, Secret secret) {
        EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).as(container.getName() + " " + variable)
                .isEqualTo(secret.getMetadata().getName());
        return env.getValueFrom().getSecretKeyRef().getKey();
    }

    private static String secretValue(Secret secret, String key) {
        // kustomize wraps long values over lines, as MIME base64 is.
        return new String(java.util.Base64.getMimeDecoder().decode(secret.getData().get(key)),
                java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "local-keda", "local-hpa"})
    void aJobCreatesTheControlTopicsWithTheScriptTheComposeFileUses(String overlay) throws Exception {
        KubernetesManifests manifests = rendered(overlay);
        assertThat(manifests.all(Job.class)).hasSize(1);
        Job job = manifests.all(Job.class).get(0);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isNotZero();
        Container container = pod.getContainers().get(0);
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getCommand()).containsExactly("/bin/bash", "/scripts/create-topics.sh");
        // The topic creator authenticates like every service (create-topics.sh turns the variables into its --command-config).
        assertTakesTheKafkaClientSecret("conveyor-topics", container);

        String scripts = pod.getVolumes().get(0).getConfigMap().getName();
        ConfigMap configMap = manifests.all(ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().equals(scripts)).findFirst().orElseThrow();
        assertThat(configMap.getData().get("create-topics.sh"))
                .isEqualTo(Files.readString(DeployPaths.project().resolve("deploy/kubernetes/base/create-topics.sh")));
        Map<String, Map<String, String>> configMaps = manifests.all(ConfigMap.class).stream()
                .collect(Collectors.toMap(map -> map.getMetadata().getName(), ConfigMap::getData));
        for (EnvVar env : container.getEnv()) {
            if (env.getValueFrom() != null) {
                assertThat(configMaps.get(env.getValueFrom().getConfigMapKeyRef().getName()))
                        .containsKey(env.getValueFrom().getConfigMapKeyRef().getKey());
            }
        }
    }

    /** A secured cluster's client settings reach the container from the optional Secret conveyor-kafka-client. */
    private static void assertTakesTheKafkaClientSecret(String name, Container container) {
        assertThat(container.getEnvFrom()).as(name).anySatisfy(source -> {
            assertThat(source.getSecretRef().getName()).isEqualTo("conveyor-kafka-client");
            assertThat(source.getSecretRef().getOptional()).isTrue();
        });
    }

    @Test
    void kedaScalesTheDataPathOnConsumerLagAndTheHpaOverlayOnCpu() throws Exception {
        KubernetesManifests keda = rendered("local-keda");
        Set<String> deployments = keda.all(Deployment.class).stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(keda.scaledObjects()).extracting(object -> object.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("conveyor-extractor", "conveyor-transformer", "conveyor-loader");
        for (JsonNode object : keda.scaledObjects()) {
            String name = object.path("metadata").path("name").asText();
            JsonNode spec = object.path("spec");
            assertThat(fieldNames(object)).as(name).containsOnly("apiVersion", "kind", "metadata", "spec");
            assertThat(fieldNames(spec)).as(name).isSubsetOf(SCALED_OBJECT_SPEC);
            assertThat(deployments).as(name).contains(spec.path("scaleTargetRef").path("name").asText());
            assertThat(spec.path("minReplicaCount").asInt()).as(name).isPositive();
            assertThat(spec.path("maxReplicaCount").asInt()).as(name).isGreaterThanOrEqualTo(spec.path("minReplicaCount").asInt());
            assertThat(spec.path("triggers")).as(name).isNotEmpty();
            for (JsonNode trigger : spec.path("triggers")) {
                assertThat(trigger.path("type").asText()).as(name).isIn("kafka", "cpu");
                if (trigger.path("type").asText().equals("kafka")) {
                    assertThat(fieldNames(trigger.path("metadata"))).as(name).isSubsetOf(KAFKA_TRIGGER_METADATA)
                            .contains("bootstrapServers", "consumerGroup", "topic", "lagThreshold");
                    // KEDA's metadata values are strings.
                    trigger.path("metadata").forEach(value -> assertThat(value.isTextual()).as(name + " " + value).isTrue());
                } else {
                    assertThat(trigger.path("metricType").asText()).as(name).isEqualTo("Utilization");
                }
            }
        }
        assertThat(keda.all(HorizontalPodAutoscaler.class)).isEmpty();

        KubernetesManifests hpa = rendered("local-hpa");
        assertThat(hpa.scaledObjects()).isEmpty();
        assertThat(hpa.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("conveyor-extractor", "conveyor-transformer", "conveyor-loader");
        assertThat(hpa.all(HorizontalPodAutoscaler.class)).allSatisfy(h -> {
            assertThat(h.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(h.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
        });
    }

    private static Map<String, PodTemplateSpec> workloads(KubernetesManifests manifests) {
        Map<String, PodTemplateSpec> workloads = new LinkedHashMap<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            workloads.put(deployment.getMetadata().getName(), deployment.getSpec().getTemplate());
        }
        for (StatefulSet set : manifests.all(StatefulSet.class)) {
            workloads.put(set.getMetadata().getName(), set.getSpec().getTemplate());
        }
        return workloads;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
