package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * docker-compose.replicas.yml, the override that runs two replicas of each service behind the gateway
 * (docs/adr/0016-fleet-and-traces.md): each second replica is its service of docker-compose.yml under a name of its
 * own, without the host ports the first one publishes, started as the first one is; the gateway lists both.
 */
class ComposeReplicasTest {

    /** What Compose's {@code !reset} tag reads as here: the value it gives is "none", whatever the files before said. */
    private static final String RESET = "!reset";

    private static final List<String> SERVICES = List.of("ingest-service", "query-service", "annotation-service");

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> REPLICAS = (Map<String, Object>) new Yaml(new ComposeTags())
            .load(Repository.read("docker-compose.replicas.yml"));

    @Test
    void eachSecondReplicaIsItsServiceWithoutHostPortsStartedAsTheFirstOne() {
        for (String service : SERVICES) {
            Map<String, Object> second = ComposeFileTest.map(services().get(service + "-2"));
            assertThat(second).as(service + "-2").isNotEmpty();
            assertThat(ComposeFileTest.map(second.get("extends")))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("file", "docker-compose.yml", "service", service));
            assertThat(second.get("ports")).as(service + "-2 publishes no host port").isEqualTo(RESET);
            assertThat(second.get("depends_on")).as(service + "-2 waits for what " + service + " waits for")
                    .isEqualTo(ComposeFileTest.services().get(service).get("depends_on"));
            assertThat(ComposeFileTest.services().get(service).get("ports")).as(service + " keeps its ports").isNotNull();
        }
        assertThat(services().keySet()).containsExactlyInAnyOrder("ingest-service-2", "query-service-2",
                "annotation-service-2", "ui");
    }

    @Test
    void theGatewayBalancesEachServiceOverBothReplicasAndWaitsForThem() {
        Map<String, Object> gateway = services().get("ui");
        Map<String, Object> environment = ComposeFileTest.map(gateway.get("environment"));
        for (String service : SERVICES) {
            int port = AppConfiguration.of(service).httpPort();
            String variable = "RUBRIX_GATEWAY_" + service.replace("-service", "").toUpperCase() + "_URL";
            assertThat(environment.get(variable)).as(variable)
                    .isEqualTo("http://" + service + ":" + port + ",http://" + service + "-2:" + port);
            assertThat(AppConfiguration.of("ui").reads(variable)).as(variable).isTrue();
            assertThat(ComposeFileTest.map(ComposeFileTest.map(gateway.get("depends_on")).get(service + "-2"))
                    .get("condition")).isEqualTo("service_healthy");
        }
        assertThat(environment).as("only the lists change").hasSize(SERVICES.size());
        assertThat(gateway).containsOnlyKeys("environment", "depends_on");
    }

    @Test
    void theRecordsTopicHasAPartitionForEveryIngestReplica() {
        String topic = AppConfiguration.of("ingest-service").property("mp.messaging.incoming.records-in.topic");
        assertThat(ComposeFileTest.composeTopics().get(topic)).isGreaterThanOrEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) REPLICAS.get("services");
    }

    /** SnakeYAML with Compose's own tag. */
    private static final class ComposeTags extends SafeConstructor {

        ComposeTags() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!reset"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return RESET;
                }
            });
        }
    }
}
