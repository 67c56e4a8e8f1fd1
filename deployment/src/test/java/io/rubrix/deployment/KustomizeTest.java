package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Both overlays of k8s/, rendered and read strictly (RenderedManifests), then cross-checked with the apps: probes
 * on the health paths at the apps' ports, selectors that select, environment variables the apps read, no secret
 * value anywhere, the hardening every pod needs, scaling objects for every app, only the gateway open to the
 * outside, and as many partitions for rubrix.records as ingest-service may have replicas.
 */
class KustomizeTest {

    static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|CREDENTIAL|API_KEY).*");
    static final Set<String> HEALTH = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsAKnownKindWithOnlyKnownFields(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        assertThat(manifests.unknownFields).isEmpty();
        assertThat(manifests.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsAll(Repository.APPS).contains("keycloak");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theAppsProbeTheirHealthPathsOnTheirPortsAndRunHardened(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String app : Repository.APPS) {
            Deployment deployment = manifests.named(Deployment.class, app);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(AppConfiguration.of(app).httpPort());
            });
            assertThat(path(container.getLivenessProbe())).isEqualTo("/q/health/live");
            assertThat(path(container.getReadinessProbe())).isEqualTo("/q/health/ready");
            for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(),
                    container.getStartupProbe())) {
                assertThat(HEALTH).contains(path(probe));
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
            }
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(app).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableOfAnAppIsAConfigurationKeyItReads(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        List<String> unread = new ArrayList<>();
        for (String app : Repository.APPS) {
            AppConfiguration config = AppConfiguration.of(app);
            Container container = manifests.named(Deployment.class, app).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            Set<String> names = new HashSet<>();
            container.getEnv().forEach(variable -> names.add(variable.getName()));
            for (EnvFromSource source : container.getEnvFrom()) {
                String mapName = source.getConfigMapRef().getName();
                ConfigMap map = manifests.named(ConfigMap.class, mapName);
                names.addAll(map.getData().keySet());
            }
            names.stream().filter(name -> !config.reads(name)).forEach(name -> unread.add(app + ": " + name));
            assertThat(names).as(app).contains("QUARKUS_OIDC_AUTH_SERVER_URL");
            if (!app.equals("ui")) {
                assertThat(names).as(app).contains("QUARKUS_ELASTICSEARCH_HOSTS");
            }
        }
        assertThat(unread).as("variables no app reads").isEmpty();
        assertThat(manifests.named(Deployment.class, "ingest-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnvFrom()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTreeHoldsNoSecretValueOnlyReferences(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        assertThat(manifests.documents).noneMatch(document -> "Secret".equals(document.get("kind")));
        List<String> values = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    if (SECRET_NAME.matcher(variable.getName()).matches() && (variable.getValue() != null
                            || variable.getValueFrom().getSecretKeyRef() == null)) {
                        values.add(deployment.getMetadata().getName() + ": " + variable.getName());
                    }
                }
            }
        }
        for (ConfigMap map : manifests.all(ConfigMap.class)) {
            map.getData().keySet().stream().filter(key -> SECRET_NAME.matcher(key).matches())
                    .forEach(key -> values.add(map.getMetadata().getName() + ": " + key));
        }
        assertThat(values).as("secret-looking values outside Secrets").isEmpty();
    }

    @Test
    void theRealmHasTheLocalRealmsRolesGroupsAndClientsButNoPeopleAndNoSecretValue() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode local = json.readTree(Repository.read("infra/keycloak/rubrix-realm.json"));
        JsonNode deployed = json.readTree(Repository.read("k8s/base/keycloak/rubrix-realm.json"));
        assertThat(deployed.path("realm")).isEqualTo(local.path("realm"));
        assertThat(deployed.path("roles")).isEqualTo(local.path("roles"));
        assertThat(deployed.path("groups")).isEqualTo(local.path("groups"));
        for (JsonNode client : deployed.path("clients")) {
            JsonNode same = null;
            for (JsonNode candidate : local.path("clients")) {
                if (candidate.path("clientId").equals(client.path("clientId"))) {
                    same = candidate;
                }
            }
            assertThat(same).as(client.path("clientId").asText()).isNotNull();
            assertThat(client.path("protocolMappers")).isEqualTo(same.path("protocolMappers"));
            assertThat(client.path("defaultClientScopes")).isEqualTo(same.path("defaultClientScopes"));
            if (client.has("secret")) {
                assertThat(client.path("secret").asText()).matches("\\$\\{[A-Z_]+}");
            }
        }
        assertThat(deployed.path("users")).allSatisfy(user -> {
            assertThat(user.path("username").asText()).startsWith("service-account-");
            assertThat(user.has("credentials")).isFalse();
        });
        assertThat(Repository.read("k8s/base/keycloak/rubrix-realm.json")).doesNotContain("dev-secret", "password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesSelectTheirDeploymentsPodsAndTargetANamedPort(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (Service service : manifests.all(Service.class)) {
            List<Deployment> selected = manifests.all(Deployment.class).stream().filter(deployment -> deployment
                    .getSpec().getTemplate().getMetadata().getLabels().entrySet()
                    .containsAll(service.getSpec().getSelector().entrySet())).toList();
            assertThat(selected).as(service.getMetadata().getName()).hasSize(1);
            Set<String> ports = new HashSet<>();
            selected.get(0).getSpec().getTemplate().getSpec().getContainers()
                    .forEach(container -> container.getPorts().forEach(port -> ports.add(port.getName())));
            service.getSpec().getPorts().forEach(port -> assertThat(ports).contains(port.getTargetPort().getStrVal()));
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertThat(matches(deployment.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata()
                    .getLabels())).as(deployment.getMetadata().getName()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyStatelessAppHasAnAutoscalerAndADisruptionBudgetThatFindIt(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String app : Repository.APPS) {
            Deployment deployment = manifests.named(Deployment.class, app);
            HorizontalPodAutoscaler hpa = manifests.named(HorizontalPodAutoscaler.class, app);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(app);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            PodDisruptionBudget budget = manifests.named(PodDisruptionBudget.class, app);
            assertThat(matches(budget.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata()
                    .getLabels())).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayAndTheLoginPagesAreReachableFromOutside(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        NetworkPolicy denyAll = manifests.named(NetworkPolicy.class, "default-deny-ingress");
        assertThat(denyAll.getSpec().getIngress()).isEmpty();
        for (String app : Repository.APPS) {
            assertThat(matches(denyAll.getSpec().getPodSelector(), manifests.named(Deployment.class, app).getSpec()
                    .getTemplate().getMetadata().getLabels())).as(app + " under the default deny").isTrue();
        }
        Set<String> openToOtherNamespaces = new HashSet<>();
        Set<String> reachableFromGatewayOnly = new HashSet<>();
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            for (Deployment deployment : manifests.all(Deployment.class)) {
                if (!matches(policy.getSpec().getPodSelector(), deployment.getSpec().getTemplate().getMetadata()
                        .getLabels())) {
                    continue;
                }
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    assertThat(rule.getFrom()).as(policy.getMetadata().getName() + ": a rule from anywhere").isNotEmpty();
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        if (peer.getNamespaceSelector() != null || peer.getIpBlock() != null) {
                            openToOtherNamespaces.add(deployment.getMetadata().getName());
                        } else if (Map.of("app.kubernetes.io/name", "ui").equals(peer.getPodSelector().getMatchLabels())) {
                            reachableFromGatewayOnly.add(deployment.getMetadata().getName());
                        }
                    }
                }
            }
        }
        assertThat(openToOtherNamespaces).containsExactlyInAnyOrder("ui", "keycloak");
        assertThat(reachableFromGatewayOnly).contains("ingest-service", "query-service", "annotation-service");
        for (Ingress ingress : manifests.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                String backend = path.getBackend().getService().getName();
                assertThat(backend).isIn("ui", "keycloak");
                Service service = manifests.named(Service.class, backend);
                assertThat(service.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getName())
                        .isEqualTo(path.getBackend().getService().getPort().getName()));
            }));
        }
    }

    @Test
    void theDevelopmentKafkaHasAPartitionOfRubrixRecordsForEveryIngestReplica() {
        RenderedManifests manifests = RenderedManifests.render("dev");
        String topic = AppConfiguration.of("ingest-service").property("mp.messaging.incoming.records-in.topic");
        KafkaTopic records = manifests.all(KafkaTopic.class).stream()
                .filter(t -> topic.equals(t.getSpec().getTopicName())).findFirst().orElseThrow();
        int maxReplicas = manifests.named(HorizontalPodAutoscaler.class, "ingest-service").getSpec().getMaxReplicas();
        assertThat(records.getSpec().getPartitions()).isGreaterThanOrEqualTo(maxReplicas);
        Set<String> topics = new HashSet<>();
        manifests.all(KafkaTopic.class).forEach(t -> topics.add(t.getSpec().getTopicName()));
        assertThat(topics).contains(
                AppConfiguration.of("ingest-service").property("mp.messaging.outgoing.records-dlq.topic"),
                AppConfiguration.of("annotation-service").property("rubrix.annotations.relay.topic"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theKibanaJobImportsTheSavedObjectsFileFromItsConfigMap(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        Job job = manifests.named(Job.class, "kibana-import");
        String mapName = job.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName();
        ConfigMap objects = manifests.named(ConfigMap.class, mapName);
        assertThat(objects.getData().get("rubrix-monitoring.ndjson"))
                .isEqualTo(Repository.read("k8s/base/kibana/rubrix-monitoring.ndjson"));
        assertThat(String.join(" ", job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()))
                .contains("/api/saved_objects/_import", "@/objects/rubrix-monitoring.ndjson");
        String configName = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().get(0)
                .getConfigMapRef().getName();
        assertThat(manifests.named(ConfigMap.class, configName).getData()).containsKey("KIBANA_URL");
    }

    private static String path(Probe probe) {
        return Objects.requireNonNull(probe, "probe").getHttpGet().getPath();
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (var expression : selector.getMatchExpressions()) {
                boolean in = expression.getValues().contains(labels.get(expression.getKey()));
                if (expression.getOperator().equals("In") != in) {
                    return false;
                }
            }
        }
        return true;
    }
}
