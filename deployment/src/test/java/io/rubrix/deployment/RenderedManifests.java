package io.rubrix.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * One overlay of k8s/, rendered by {@code kubectl kustomize} and read into typed objects: the Kubernetes models of
 * fabric8 and the Strimzi API's own classes, strictly (a field the model does not know is an error, where Kubernetes
 * would drop it silently). ECK has no Java model: its two kinds are checked against the fields of its v1 CRDs
 * that ECK documents, and their pod and volume templates as Kubernetes objects.
 */
final class RenderedManifests {

    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    /** ECK v1 fields (https://www.elastic.co/docs/reference/cloud-on-k8s/api-docs) that these manifests may use. */
    static final Map<String, Set<String>> ECK_FIELDS = Map.of(
            "elasticsearch.k8s.elastic.co/v1/Elasticsearch", Set.of("version", "image", "http", "transport",
                    "nodeSets", "auth", "secureSettings", "updateStrategy", "podDisruptionBudget", "monitoring",
                    "remoteClusters", "volumeClaimDeletePolicy", "serviceAccountName", "revisionHistoryLimit"),
            "kibana.k8s.elastic.co/v1/Kibana", Set.of("version", "image", "count", "elasticsearchRef", "http",
                    "config", "podTemplate", "secureSettings", "monitoring", "serviceAccountName",
                    "revisionHistoryLimit"));
    static final Set<String> ECK_NODE_SET_FIELDS = Set.of("name", "count", "config", "podTemplate",
            "volumeClaimTemplates");

    static final ObjectMapper JSON = new ObjectMapper();

    final String overlay;
    final List<Object> objects = new ArrayList<>();
    final List<Map<String, Object>> documents = new ArrayList<>();
    final List<String> unknownFields = new ArrayList<>();

    private RenderedManifests(String overlay) {
        this.overlay = overlay;
    }

    private static final Map<String, RenderedManifests> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The overlay rendered and read once per test run (kubectl is a process start each time). */
    static RenderedManifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, RenderedManifests::renderNow);
    }

    private static RenderedManifests renderNow(String overlay) {
        RenderedManifests manifests = new RenderedManifests(overlay);
        for (Object document : new Yaml().loadAll(kustomize(Repository.path("k8s/overlays/" + overlay).toString()))) {
            if (document != null) {
                manifests.read(asMap(document));
            }
        }
        return manifests;
    }

    <T> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind.getSimpleName() + " " + name));
    }

    /** ConfigMaps have a content hash in their names: the one generated from {@code base}. */
    ConfigMap configMap(String base) {
        return all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().matches(base + "-[a-z0-9]{10}"))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + base));
    }

    private void read(Map<String, Object> document) {
        documents.add(document);
        String type = document.get("apiVersion") + "/" + document.get("kind");
        Class<?> model = KINDS.get(type);
        if (model != null) {
            Object object = JSON.convertValue(document, model);
            collectUnknown(type + " " + name(document), object);
            objects.add(object);
        } else if (ECK_FIELDS.containsKey(type)) {
            checkEck(type, document);
            objects.add(document);
        } else {
            unknownFields.add(type + " " + name(document) + ": a kind these checks do not know");
        }
    }

    private void checkEck(String type, Map<String, Object> document) {
        String where = type + " " + name(document);
        Map<String, Object> spec = asMap(document.get("spec"));
        spec.keySet().stream().filter(key -> !ECK_FIELDS.get(type).contains(key))
                .forEach(key -> unknownFields.add(where + ": spec." + key));
        if (spec.get("podTemplate") != null) {
            collectUnknown(where + " podTemplate", JSON.convertValue(spec.get("podTemplate"), PodTemplateSpec.class));
        }
        if (spec.get("nodeSets") instanceof List<?> nodeSets) {
            for (Object nodeSet : nodeSets) {
                Map<String, Object> set = asMap(nodeSet);
                set.keySet().stream().filter(key -> !ECK_NODE_SET_FIELDS.contains(key))
                        .forEach(key -> unknownFields.add(where + ": nodeSets." + key));
                if (set.get("podTemplate") != null) {
                    collectUnknown(where + " nodeSet podTemplate",
                            JSON.convertValue(set.get("podTemplate"), PodTemplateSpec.class));
                }
                if (set.get("volumeClaimTemplates") instanceof List<?> claims) {
                    claims.forEach(claim -> collectUnknown(where + " volumeClaimTemplate",
                            JSON.convertValue(claim, PersistentVolumeClaim.class)));
                }
            }
        }
    }

    /** Walks a model object and lists the fields that it kept aside as unknown. */
    private void collectUnknown(String path, Object object) {
        if (object == null || !isModel(object.getClass())) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = invoke(getter, object);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknownFields.add(path + ": " + extra.keySet());
                }
            } else if (value instanceof Collection<?> values) {
                values.forEach(item -> collectUnknown(path + "." + property(getter), item));
            } else if (value instanceof Map<?, ?> values) {
                values.values().forEach(item -> collectUnknown(path + "." + property(getter), item));
            } else {
                collectUnknown(path + "." + property(getter), value);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return (name.startsWith("io.fabric8.kubernetes.api.model") || name.startsWith("io.strimzi.api"))
                && !type.isEnum();
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().replaceFirst("^(get|is)", "");
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String name(Map<String, Object> document) {
        return String.valueOf(asMap(document.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static String kustomize(String directory) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", directory).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl (with kustomize) is needed on the PATH to render k8s/", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
