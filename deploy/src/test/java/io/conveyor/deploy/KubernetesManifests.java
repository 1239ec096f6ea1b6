package io.conveyor.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documents of a rendered kustomization, each deserialised into the Kubernetes API model of its kind
 * (fabric8's kubernetes-model, generated from the API's OpenAPI schemas). The model keeps fields it does
 * not know in {@code additionalProperties} instead of failing, so {@link #parse} walks every parsed object
 * and reports each such field with its path: a misspelled or misplaced field is an error, not a silently
 * ignored setting. KEDA's ScaledObject is a custom resource without a model here: it is kept as a tree and
 * checked structurally by the tests.
 */
record KubernetesManifests(List<HasMetadata> objects, List<JsonNode> scaledObjects) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "batch/v1/Job", Job.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    /** Renders an overlay with {@code kubectl kustomize} (kubectl from -Dconveyor.kubectl, else the PATH). */
    static String render(Path kustomization) {
        String kubectl = System.getProperty("conveyor.kubectl", "kubectl");
        return Commands.run(List.of(kubectl, "kustomize", kustomization.toString()), null);
    }

    /** Parses every document; unknown kinds and unknown fields are reported as problems (with the document). */
    static KubernetesManifests parse(String yaml, List<String> problems) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        List<JsonNode> scaledObjects = new ArrayList<>();
        YAMLParser parser = new YAMLFactory().createParser(yaml);
        List<JsonNode> documents = YAML.readValues(parser, JsonNode.class).readAll();
        for (JsonNode document : documents) {
            if (document == null || document.isNull() || document.isEmpty()) {
                continue;
            }
            String apiVersion = document.path("apiVersion").asText();
            String kind = document.path("kind").asText();
            String where = kind + " " + document.path("metadata").path("name").asText("(no name)");
            if (apiVersion.equals("keda.sh/v1alpha1") && kind.equals("ScaledObject")) {
                scaledObjects.add(document);
                continue;
            }
            Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
            if (type == null) {
                problems.add(where + ": apiVersion " + apiVersion + " kind " + kind + " is none the checks know " + KINDS.keySet());
                continue;
            }
            HasMetadata object;
            try {
                object = YAML.treeToValue(document, type);
            } catch (IOException e) {
                problems.add(where + ": " + e.getMessage());
                continue;
            }
            unknownFields(object, where, problems);
            objects.add(object);
        }
        return new KubernetesManifests(objects, scaledObjects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every field the model did not recognise, anywhere below {@code object}, as "path: unknown field(s) [..]". */
    static void unknownFields(Object object, String path, List<String> problems) {
        if (object == null || object instanceof String || object instanceof Number || object instanceof Boolean
                || object instanceof Enum<?> || object instanceof JsonNode) {
            return;
        }
        if (object instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), problems);
            }
            return;
        }
        if (!object.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + Set.copyOf(extra.keySet()));
                }
                continue;
            }
            String name = getter.getName().substring(3);
            unknownFields(value, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), problems);
        }
    }

    static ObjectNode tree(String yaml) throws IOException {
        return (ObjectNode) YAML.readTree(yaml);
    }
}
