package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

/**
 * Both overlays of k8s/, rendered and read strictly (RenderedManifests), then cross-checked with the apps: probes
 * on the health paths at the apps' ports, selectors that select, environment variables the apps read, no secret
 * value anywhere, the hardening every pod needs, scaling objects for every app, only the gateway open to the
 * outside, and as many partitions for rubrix.records as ingest-service may have replicas.
 */
class KustomizeTest {

    static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|CREDENTIAL|API_KEY|JAAS).*");
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
    void theAppsProbeTheirHealthPathsOnTheirManagementPortsAndRunHardened(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String app : Repository.APPS) {
            AppConfiguration config = AppConfiguration.of(app);
            Deployment deployment = manifests.named(Deployment.class, app);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, Integer> ports = new HashMap<>();
            container.getPorts().forEach(port -> ports.put(port.getName(), port.getContainerPort()));
            assertThat(ports).as(app).containsExactlyInAnyOrderEntriesOf(
                    Map.of("http", config.httpPort(), "management", config.managementPort()));
            assertThat(path(container.getLivenessProbe())).isEqualTo("/q/health/live");
            assertThat(path(container.getReadinessProbe())).isEqualTo("/q/health/ready");
            for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(),
                    container.getStartupProbe())) {
                assertThat(HEALTH).contains(path(probe));
                assertThat(probe.getHttpGet().getPort().getStrVal()).as(app + " probes").isEqualTo("management");
            }
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).as(app + " scraped on its management port")
                    .containsEntry("prometheus.io/port", String.valueOf(config.managementPort()))
                    .containsEntry("prometheus.io/path", "/q/metrics");
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
    void inAPodTheAppsListenOnAllInterfacesWhichOutsideOneIsLoopback(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String app : Repository.APPS) {
            Map<String, String> environment = environment(manifests, app);
            assertThat(environment).as(app).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0")
                    .containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
            assertThat(AppConfiguration.of(app).property("quarkus.management.host")).isEqualTo("127.0.0.1");
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
                    if (rule.getPorts().stream().allMatch(port -> "management".equals(port.getPort().getStrVal()))) {
                        continue; // Prometheus: nothingRoutesToTheManagementPortsButPrometheus
                    }
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

    /**
     * Health and metrics are on the management port, which nothing routes to: no Service exposes it (so no Ingress
     * can), no Ingress path is under /q or names a management port, the gateway's public port is the only one open to
     * the ingress controller, the gateway reaches the services' public ports only, and only Prometheus' namespace
     * reaches the management ports.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void nothingRoutesToTheManagementPortsButPrometheus(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        Set<Integer> management = new HashSet<>();
        Set<Integer> publicPorts = new HashSet<>();
        for (String app : Repository.APPS) {
            management.add(AppConfiguration.of(app).managementPort());
            publicPorts.add(AppConfiguration.of(app).httpPort());
            Service service = manifests.named(Service.class, app);
            service.getSpec().getPorts().forEach(port -> {
                assertThat(port.getTargetPort().getStrVal()).as(app + " Service").isEqualTo("http");
                assertThat(management).as(app + " Service").doesNotContain(port.getPort());
            });
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                assertThat(path.getPath()).as("an Ingress path").doesNotStartWith("/q");
                assertThat(path.getBackend().getService().getPort().getName()).as("an Ingress backend").isEqualTo("http");
            }));
        }
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                Set<String> ports = new HashSet<>();
                rule.getPorts().forEach(port -> ports.add(port.getPort().getStrVal() != null
                        ? port.getPort().getStrVal() : String.valueOf(port.getPort().getIntVal())));
                assertThat(ports).as(policy.getMetadata().getName() + ": a rule for every port").isNotEmpty();
                boolean toManagement = ports.contains("management")
                        || management.stream().map(String::valueOf).anyMatch(ports::contains);
                if (toManagement) {
                    assertThat(ports).as(policy.getMetadata().getName()).containsOnly("management");
                    assertThat(rule.getFrom()).as(policy.getMetadata().getName()).singleElement().satisfies(peer -> {
                        assertThat(peer.getPodSelector()).isNull();
                        assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
                    });
                }
            }
        }
        NetworkPolicy gateway = manifests.named(NetworkPolicy.class, "gateway-from-ingress-controller");
        assertThat(gateway.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getPorts())
                .extracting(port -> port.getPort().getIntVal()).containsExactly(AppConfiguration.of("ui").httpPort()));
        NetworkPolicy services = manifests.named(NetworkPolicy.class, "services-from-gateway");
        assertThat(services.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getPorts())
                .extracting(port -> port.getPort().getIntVal()).isSubsetOf(publicPorts));
    }

    /** Address ranges no webhook may reach: private, shared (carrier-grade NAT), link-local (cloud metadata), loopback. */
    static final List<String> NOT_FOR_WEBHOOKS = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8");

    /**
     * annotation-service POSTs drift alerts to URLs admins choose (ADR 0014): its egress is restricted, so that a
     * webhook reaches receivers outside the cluster on 443 and 80 and nothing private (the cluster's services, the
     * cloud metadata address), while the service still reaches what it needs: DNS, Keycloak (the URL of its
     * ConfigMap, through its Service, to its pods' port), Elasticsearch and Kafka (the addresses of the overlay's
     * ConfigMap: in dev the ECK and Strimzi pods behind those Services, in prod external addresses, taken as private
     * ones). The other apps' egress is not governed (as before).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void annotationServiceReachesWebhooksOutsideTheClusterAndStillItsOwnBackends(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        Map<String, String> annotation = podLabels(manifests, "annotation-service");
        for (String app : Repository.APPS) {
            assertThat(egressPolicies(manifests, podLabels(manifests, app))).as(app + "'s egress governed")
                    .hasSize(app.equals("annotation-service") ? 2 : 0);
        }
        NetworkPolicy webhooks = manifests.named(NetworkPolicy.class, "annotation-service-egress");
        assertThat(webhooks.getSpec().getPolicyTypes()).containsExactly("Egress");
        NetworkPolicyEgressRule external = webhooks.getSpec().getEgress().stream()
                .filter(rule -> rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null)).findFirst()
                .orElseThrow(() -> new AssertionError("no webhook rule"));
        assertThat(external.getTo()).singleElement().satisfies(peer -> {
            IPBlock block = peer.getIpBlock();
            assertThat(block.getCidr()).isEqualTo("0.0.0.0/0");
            assertThat(block.getExcept()).containsExactlyInAnyOrderElementsOf(NOT_FOR_WEBHOOKS);
            assertThat(peer.getPodSelector()).isNull();
            assertThat(peer.getNamespaceSelector()).isNull();
        });
        assertThat(external.getPorts()).extracting(port -> port.getPort().getIntVal() + "/" + port.getProtocol())
                .containsExactlyInAnyOrder("443/TCP", "80/TCP");
        String policies = Repository.read("k8s/base/network/policies.yaml");
        assertThat(policies).as("operators told to narrow it").contains("Restrict it to your receivers: replace 0.0.0.0/0");

        Destination receiver = Destination.outside("203.0.113.7");
        assertThat(egressAllowed(manifests, annotation, receiver, 443, "TCP")).as("a webhook over https").isTrue();
        assertThat(egressAllowed(manifests, annotation, receiver, 80, "TCP")).as("a webhook over http").isTrue();
        assertThat(egressAllowed(manifests, annotation, receiver, 22, "TCP")).isFalse();
        assertThat(egressAllowed(manifests, annotation, receiver, 8443, "TCP")).isFalse();
        for (String address : List.of("10.1.2.3", "172.20.0.9", "192.168.1.1", "100.64.0.10", "169.254.169.254",
                "127.0.0.1")) {
            for (int port : List.of(80, 443)) {
                assertThat(egressAllowed(manifests, annotation, Destination.outside(address), port, "TCP"))
                        .as("a webhook to " + address + ":" + port).isFalse();
            }
        }
        String namespace = webhooks.getMetadata().getNamespace();
        for (String app : List.of("query-service", "ingest-service", "ui")) {
            Destination pod = Destination.pod(namespace, podLabels(manifests, app), "10.244.1.17");
            for (int port : List.of(80, 443, AppConfiguration.of(app).httpPort(), AppConfiguration.of(app).managementPort())) {
                assertThat(egressAllowed(manifests, annotation, pod, port, "TCP")).as("a webhook to " + app + ":" + port)
                        .isFalse();
            }
        }

        Destination dns = Destination.pod("kube-system", Map.of("k8s-app", "kube-dns"), "10.244.0.5");
        assertThat(egressAllowed(manifests, annotation, dns, 53, "UDP")).as("DNS").isTrue();
        assertThat(egressAllowed(manifests, annotation, dns, 53, "TCP")).as("DNS over TCP").isTrue();
        Destination nodeLocalDns = Destination.outside("169.254.20.10");
        assertThat(egressAllowed(manifests, annotation, nodeLocalDns, 53, "UDP")).as("a node-local DNS cache").isTrue();

        Map<String, String> environment = environment(manifests, "annotation-service");
        java.net.URI keycloak = java.net.URI.create(environment.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        Service keycloakService = manifests.named(Service.class, keycloak.getHost());
        String keycloakTarget = keycloakService.getSpec().getPorts().stream().filter(p -> p.getPort() == keycloak.getPort())
                .findFirst().orElseThrow().getTargetPort().getStrVal();
        Deployment keycloakDeployment = manifests.all(Deployment.class).stream().filter(d -> d.getSpec().getTemplate()
                .getMetadata().getLabels().entrySet().containsAll(keycloakService.getSpec().getSelector().entrySet()))
                .findFirst().orElseThrow();
        int keycloakPort = keycloakDeployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .filter(p -> keycloakTarget.equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        assertThat(egressAllowed(manifests, annotation, Destination.pod(namespace, keycloakDeployment.getSpec()
                .getTemplate().getMetadata().getLabels(), "10.244.2.3"), keycloakPort, "TCP")).as("Keycloak").isTrue();

        for (String address : environment.get("QUARKUS_ELASTICSEARCH_HOSTS").split(",")) {
            HostPort es = HostPort.of(address);
            Destination destination = eckElasticsearch(manifests, namespace, es.host());
            assertThat(egressAllowed(manifests, annotation, destination, es.port(), "TCP")).as("Elasticsearch " + es)
                    .isTrue();
        }
        for (String address : environment.get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            HostPort kafka = HostPort.of(address);
            for (Destination broker : strimziBrokers(manifests, namespace, kafka.host())) {
                assertThat(egressAllowed(manifests, annotation, broker, kafka.port(), "TCP")).as("Kafka " + kafka)
                        .isTrue();
            }
        }
    }

    record HostPort(String host, int port) {
        static HostPort of(String address) {
            int colon = address.lastIndexOf(':');
            return new HostPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        }
    }

    /** Where a connection goes: a pod (its namespace and labels) or an address outside the cluster (no namespace). */
    record Destination(String namespace, Map<String, String> labels, String ip) {
        static Destination pod(String namespace, Map<String, String> labels, String ip) {
            return new Destination(namespace, labels, ip);
        }

        static Destination outside(String ip) {
            return new Destination(null, Map.of(), ip);
        }
    }

    /**
     * ECK's HTTP Service {@code <name>-es-http} selects the pods labelled {@code elasticsearch.k8s.elastic.co/cluster-name:
     * <name>}; a host that is no ECK cluster of the overlay is outside the cluster, taken as a private address.
     */
    private static Destination eckElasticsearch(RenderedManifests manifests, String namespace, String host) {
        for (Map<String, Object> document : manifests.documents) {
            Object name = RenderedManifests.asMap(document.get("metadata")).get("name");
            if ("Elasticsearch".equals(document.get("kind")) && host.equals(name + "-es-http")) {
                return Destination.pod(namespace, Map.of("common.k8s.elastic.co/type", "elasticsearch",
                        "elasticsearch.k8s.elastic.co/cluster-name", String.valueOf(name),
                        "elasticsearch.k8s.elastic.co/statefulset-name", name + "-es-default"), "10.244.3.4");
            }
        }
        assertThat(host).as("an external Elasticsearch").doesNotContain("-es-http");
        return Destination.outside("10.40.0.12");
    }

    /**
     * Strimzi's bootstrap Service {@code <name>-kafka-bootstrap} leads to the broker pods of the cluster's node pools,
     * labelled {@code strimzi.io/cluster}, {@code strimzi.io/kind}, {@code strimzi.io/name: <name>-kafka},
     * {@code strimzi.io/pool-name}, {@code strimzi.io/broker-role}; another host is outside, taken as private.
     */
    private static List<Destination> strimziBrokers(RenderedManifests manifests, String namespace, String host) {
        List<Destination> brokers = new ArrayList<>();
        for (Kafka kafka : manifests.all(Kafka.class)) {
            String name = kafka.getMetadata().getName();
            if (!host.equals(name + "-kafka-bootstrap")) {
                continue;
            }
            for (KafkaNodePool pool : manifests.all(KafkaNodePool.class)) {
                if (name.equals(pool.getMetadata().getLabels().get("strimzi.io/cluster"))
                        && pool.getSpec().getRoles().contains(ProcessRoles.BROKER)) {
                    brokers.add(Destination.pod(namespace, Map.of("strimzi.io/cluster", name, "strimzi.io/kind", "Kafka",
                            "strimzi.io/name", name + "-kafka", "strimzi.io/pool-name", pool.getMetadata().getName(),
                            "strimzi.io/broker-role", "true"), "10.244.4.5"));
                }
            }
            assertThat(brokers).as(name + "'s brokers").isNotEmpty();
            return brokers;
        }
        assertThat(host).as("an external Kafka").doesNotContain("-kafka-bootstrap");
        return List.of(Destination.outside("10.40.0.13"));
    }

    private static Map<String, String> podLabels(RenderedManifests manifests, String app) {
        return manifests.named(Deployment.class, app).getSpec().getTemplate().getMetadata().getLabels();
    }

    private static List<NetworkPolicy> egressPolicies(RenderedManifests manifests, Map<String, String> podLabels) {
        return manifests.all(NetworkPolicy.class).stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains("Egress"))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), podLabels)).toList();
    }

    /**
     * Whether the NetworkPolicies let a pod with these labels open a connection to a destination's port: a pod no
     * Egress policy selects may go anywhere; otherwise some rule of one of them must allow both the peer and the port.
     */
    private static boolean egressAllowed(RenderedManifests manifests, Map<String, String> podLabels,
            Destination destination, int port, String protocol) {
        List<NetworkPolicy> policies = egressPolicies(manifests, podLabels);
        if (policies.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                boolean peer = rule.getTo().isEmpty() || rule.getTo().stream()
                        .anyMatch(to -> peerMatches(policy.getMetadata().getNamespace(), to, destination));
                boolean ports = rule.getPorts().isEmpty() || rule.getPorts().stream()
                        .anyMatch(allowed -> portMatches(allowed, port, protocol));
                if (peer && ports) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean peerMatches(String policyNamespace, NetworkPolicyPeer peer, Destination destination) {
        if (peer.getIpBlock() != null) {
            return inCidr(destination.ip(), peer.getIpBlock().getCidr())
                    && peer.getIpBlock().getExcept().stream().noneMatch(except -> inCidr(destination.ip(), except));
        }
        if (destination.namespace() == null) {
            return false;
        }
        boolean namespace = peer.getNamespaceSelector() == null ? destination.namespace().equals(policyNamespace)
                : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", destination.namespace()));
        return namespace && (peer.getPodSelector() == null || matches(peer.getPodSelector(), destination.labels()));
    }

    private static boolean portMatches(NetworkPolicyPort allowed, int port, String protocol) {
        String allowedProtocol = allowed.getProtocol() == null ? "TCP" : allowed.getProtocol();
        if (!allowedProtocol.equals(protocol)) {
            return false;
        }
        if (allowed.getPort() == null) {
            return true;
        }
        assertThat(allowed.getPort().getIntVal()).as("egress ports are numbers").isNotNull();
        int from = allowed.getPort().getIntVal();
        int to = allowed.getEndPort() == null ? from : allowed.getEndPort();
        return port >= from && port <= to;
    }

    private static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
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
                AppConfiguration.of("annotation-service").property("rubrix.annotations.relay.topic"),
                AppConfiguration.of("annotation-service").property("rubrix.monitors.topic"));
    }

    /**
     * Drift alerts (ADR 0014) go to annotation-service's rubrix.monitors.topic, which the development Kafka has, with
     * the partitions docker-compose.yml gives it: the same topic, the same keys' spread, in both stacks.
     */
    @Test
    void theDevelopmentKafkaHasTheDriftAlertsTopicAsComposeMakesIt() {
        RenderedManifests manifests = RenderedManifests.render("dev");
        String topic = AppConfiguration.of("annotation-service").property("rubrix.monitors.topic");
        assertThat(topic).isEqualTo("rubrix.alerts");
        List<KafkaTopic> alerts = manifests.all(KafkaTopic.class).stream()
                .filter(t -> topic.equals(t.getSpec().getTopicName())).toList();
        assertThat(alerts).singleElement().satisfies(alertsTopic -> {
            assertThat(alertsTopic.getMetadata().getName()).isEqualTo("rubrix-alerts");
            assertThat(alertsTopic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster",
                    manifests.named(Kafka.class, "rubrix").getMetadata().getName());
            assertThat(alertsTopic.getSpec().getPartitions()).isEqualTo(3)
                    .isEqualTo(ComposeFileTest.composeTopics().get(topic));
            assertThat(alertsTopic.getSpec().getReplicas()).isEqualTo(1);
        });
        // every topic the compose job creates is a KafkaTopic of the development cluster, with as many partitions
        Map<String, Integer> dev = new HashMap<>();
        manifests.all(KafkaTopic.class).forEach(t -> dev.put(t.getSpec().getTopicName(), t.getSpec().getPartitions()));
        assertThat(dev).containsExactlyInAnyOrderEntriesOf(ComposeFileTest.composeTopics());
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

    /** The KafkaUser of each client (k8s/overlays/dev/kafka.yaml), and what each may do: exactly this, no more. */
    static Map<String, Set<String>> leastPrivilege() {
        AppConfiguration ingest = AppConfiguration.of("ingest-service");
        String records = ingest.property("mp.messaging.incoming.records-in.topic");
        String group = ingest.property("mp.messaging.incoming.records-in.group.id");
        String deadLetters = ingest.property("mp.messaging.outgoing.records-dlq.topic");
        String annotations = AppConfiguration.of("annotation-service").property("rubrix.annotations.relay.topic");
        String alerts = AppConfiguration.of("annotation-service").property("rubrix.monitors.topic");
        return Map.of(
                "rubrix-producer", Set.of("topic:" + records + ":Write", "topic:" + records + ":Describe"),
                "rubrix-ingest", Set.of("topic:" + records + ":Read", "topic:" + records + ":Describe",
                        "group:" + group + ":Read", "topic:" + deadLetters + ":Write",
                        "topic:" + deadLetters + ":Describe"),
                "rubrix-annotation", Set.of("topic:" + annotations + ":Write", "topic:" + annotations + ":Describe",
                        "topic:" + alerts + ":Write", "topic:" + alerts + ":Describe"));
    }

    /**
     * What k8s/README.md tells operators to grant on their own Kafka (its kafka-acls.sh lines, and its table) is what
     * the development cluster's KafkaUsers have: no more, no less, rubrix.alerts for annotation-service included.
     */
    @Test
    void theReadmesKafkaAclsAreTheDevelopmentUsersAcls() {
        String readme = Repository.read("k8s/README.md");
        Map<String, Set<String>> documented = new HashMap<>();
        java.util.regex.Matcher command = Pattern.compile("(?m)^kafka-acls\\.sh .*$").matcher(readme);
        while (command.find()) {
            String line = command.group();
            java.util.regex.Matcher principal = Pattern.compile("--allow-principal User:(\\S+)").matcher(line);
            assertThat(principal.find()).as(line).isTrue();
            java.util.regex.Matcher resource = Pattern.compile("--(topic|group) (\\S+)").matcher(line);
            assertThat(resource.find()).as(line).isTrue();
            assertThat(line).as(line).doesNotContain("--resource-pattern-type prefixed", "*");
            java.util.regex.Matcher operation = Pattern.compile("--operation (\\S+)").matcher(line);
            while (operation.find()) {
                documented.computeIfAbsent(principal.group(1), user -> new HashSet<>())
                        .add(resource.group(1) + ":" + resource.group(2) + ":" + operation.group(1));
            }
        }
        assertThat(documented).isEqualTo(leastPrivilege());
        String alerts = AppConfiguration.of("annotation-service").property("rubrix.monitors.topic");
        assertThat(readme).containsPattern("\\| `rubrix-annotation` \\| Write, Describe topic `rubrix\\.annotations`; "
                + "Write, Describe topic `" + Pattern.quote(alerts) + "` \\|");
    }

    /** The apps that talk to Kafka, and the user each logs in as. */
    static final Map<String, String> KAFKA_USERS = Map.of("ingest-service", "rubrix-ingest",
            "annotation-service", "rubrix-annotation");

    @Test
    void everyKafkaUserOfTheDevelopmentClusterMayDoExactlyWhatItsClientNeeds() {
        RenderedManifests manifests = RenderedManifests.render("dev");
        Map<String, Set<String>> granted = new HashMap<>();
        for (KafkaUser user : manifests.all(KafkaUser.class)) {
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "rubrix");
            assertThat(user.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
            KafkaUserAuthorizationSimple authorization = (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
            Set<String> rules = new HashSet<>();
            for (AclRule rule : authorization.getAcls()) {
                assertThat(rule.getType()).as("deny rules are not needed").isIn(null, AclRuleType.ALLOW);
                assertThat(rule.getHost()).isIn(null, "*");
                String resource;
                if (rule.getResource() instanceof AclRuleTopicResource topic) {
                    resource = literal(topic.getPatternType(), "topic:" + topic.getName());
                } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                    resource = literal(group.getPatternType(), "group:" + group.getName());
                } else if (rule.getResource() instanceof AclRuleClusterResource) {
                    resource = "cluster:kafka-cluster";
                } else {
                    throw new AssertionError(user.getMetadata().getName() + ": " + rule.getResource());
                }
                List<AclOperation> operations = rule.getOperations() != null ? rule.getOperations()
                        : List.of(rule.getOperation());
                operations.forEach(operation -> rules.add(resource + ":" + operation.toValue()));
            }
            granted.put(user.getMetadata().getName(), rules);
        }
        assertThat(granted).isEqualTo(leastPrivilege());
    }

    @Test
    void theServicesLogInToAnAuthenticatingTlsListenerAsTheirOwnKafkaUsers() {
        RenderedManifests manifests = RenderedManifests.render("dev");
        Kafka kafka = manifests.named(Kafka.class, "rubrix");
        assertThat(kafka.getSpec().getKafka().getAuthorization().getType()).isEqualTo("simple");
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).as("the user operator makes the Secrets")
                .isNotNull();
        for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
            assertThat(listener.getAuth()).as("listener " + listener.getName() + " authenticates").isNotNull();
        }
        for (Map.Entry<String, String> app : KAFKA_USERS.entrySet()) {
            Map<String, String> environment = environment(manifests, app.getKey());
            String bootstrap = environment.get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).as(app.getKey()).startsWith(kafka.getMetadata().getName() + "-kafka-bootstrap:");
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream()
                    .filter(l -> l.getPort() == port).findFirst()
                    .orElseThrow(() -> new AssertionError(app.getKey() + ": no listener on " + port));
            assertThat(listener.getAuth().getType()).isEqualTo("scram-sha-512");
            assertThat(listener.isTls()).isTrue();
            assertThat(environment).as(app.getKey()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
            assertThat(secretOf(manifests, app.getKey(), "KAFKA_SASL_JAAS_CONFIG"))
                    .as(app.getKey() + ": the Secret Strimzi creates for its KafkaUser")
                    .isEqualTo(app.getValue() + "/sasl.jaas.config");
            assertThat(manifests.all(KafkaUser.class)).extracting(user -> user.getMetadata().getName())
                    .contains(app.getValue());
            assertThat(secretOf(manifests, app.getKey(), "KAFKA_SSL_TRUSTSTORE_CERTIFICATES"))
                    .isEqualTo(kafka.getMetadata().getName() + "-cluster-ca-cert/ca.crt");
        }
        assertThat(environment(manifests, "query-service")).as("query-service has no Kafka client")
                .doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void inProductionTheServicesLogInToKafkaWithTheDocumentedSecrets() {
        RenderedManifests manifests = RenderedManifests.render("prod");
        String readme = Repository.read("k8s/README.md");
        for (Map.Entry<String, String> app : KAFKA_USERS.entrySet()) {
            Map<String, String> environment = environment(manifests, app.getKey());
            assertThat(environment).as(app.getKey()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            String login = secretOf(manifests, app.getKey(), "KAFKA_SASL_JAAS_CONFIG");
            String trust = secretOf(manifests, app.getKey(), "KAFKA_SSL_TRUSTSTORE_CERTIFICATES");
            assertThat(login).isEqualTo("rubrix-kafka-" + app.getKey().replace("-service", "") + "/sasl.jaas.config");
            for (String secret : List.of(login, trust)) {
                String name = secret.substring(0, secret.indexOf('/'));
                String key = secret.substring(secret.indexOf('/') + 1);
                assertThat(readme).as("k8s/README.md lists Secret " + name)
                        .containsPattern("\\| `" + Pattern.quote(name) + "` \\| `" + Pattern.quote(key) + "`");
            }
            assertThat(readme).as("k8s/README.md names " + app.getValue() + "'s ACLs").contains("`" + app.getValue() + "`");
        }
        assertThat(readme).contains("`rubrix-producer`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKafkaVariableIsAKafkaClientSettingOfAnAppBuiltWithQuarkusKafka(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String app : Repository.APPS) {
            environment(manifests, app).keySet().stream().filter(name -> name.startsWith("KAFKA_"))
                    .forEach(name -> assertThat(AppConfiguration.of(app).kafkaClientSetting(name))
                            .as(app + ": " + name).isNotNull());
            container(manifests, app).getEnv().stream().filter(variable -> variable.getName().startsWith("KAFKA_"))
                    .forEach(variable -> assertThat(AppConfiguration.of(app).kafkaClientSetting(variable.getName()))
                            .as(app + ": " + variable.getName()).isNotNull());
        }
    }

    /**
     * Quarkus hands the kafka.* settings (KAFKA_* variables) to the clients it makes; a client an app builds itself
     * must take them too (the {@code default-kafka-broker} configuration), or it would log in to no one.
     */
    @Test
    void everyKafkaClientAnAppBuildsItselfTakesTheKafkaSettings() throws IOException {
        List<String> deaf = new ArrayList<>();
        for (String app : KAFKA_USERS.keySet()) {
            try (var files = java.nio.file.Files.walk(Repository.path(app + "/src/main/java"))) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    String source = Repository.read(Repository.ROOT.relativize(file).toString());
                    if (source.matches("(?s).*new Kafka(Producer|Consumer)<.*|.*Admin(Client)?\\.create\\(.*")
                            && !source.contains("default-kafka-broker")) {
                        deaf.add(app + ": " + file.getFileName());
                    }
                });
            }
        }
        assertThat(deaf).as("Kafka clients without the service's kafka.* settings").isEmpty();
    }

    private static String literal(AclResourcePatternType pattern, String resource) {
        assertThat(pattern).as(resource + ": a literal name, never a prefix").isIn(null, AclResourcePatternType.LITERAL);
        return resource;
    }

    private static Container container(RenderedManifests manifests, String app) {
        return manifests.named(Deployment.class, app).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** An app's literal environment: its ConfigMaps' entries and its plain env values. */
    private static Map<String, String> environment(RenderedManifests manifests, String app) {
        Container container = container(manifests, app);
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            environment.putAll(manifests.named(ConfigMap.class, source.getConfigMapRef().getName()).getData());
        }
        container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .forEach(variable -> environment.put(variable.getName(), variable.getValue()));
        return environment;
    }

    /** The Secret and key a variable of an app's container comes from, as {@code name/key}. */
    private static String secretOf(RenderedManifests manifests, String app, String variable) {
        EnvVar found = container(manifests, app).getEnv().stream().filter(v -> v.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(app + ": no " + variable));
        assertThat(found.getValue()).as(app + ": " + variable + " held in the tree").isNull();
        var reference = found.getValueFrom().getSecretKeyRef();
        return reference.getName() + "/" + reference.getKey();
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
