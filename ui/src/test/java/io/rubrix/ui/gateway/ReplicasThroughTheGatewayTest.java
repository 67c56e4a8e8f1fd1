package io.rubrix.ui.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/** A service with two replicas behind the gateway (issue 32, docs/adr/0016-fleet-and-traces.md). */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(FakeReplicas.class)
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReplicasThroughTheGatewayTest {

    @Test
    @Order(1)
    void requestsGoToEachReplicaInTurn() {
        List<Integer> answeredBy = searches(10);
        assertThat(answeredBy).containsOnlyElementsOf(FakeReplicas.query());
        assertThat(answeredBy.stream().filter(port -> port == FakeReplicas.QUERY[0]).count()).isEqualTo(5);
    }

    @Test
    @Order(2)
    void aReplicaThatIsNotReadyIsLeftOutAndTakenBackOnceReady() {
        int second = FakeReplicas.QUERY[1];
        FakeReplicas.NOT_READY.put(second, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !searches(4).contains(second));
        assertThat(searches(10)).as("left out while not ready").containsOnly(FakeReplicas.QUERY[0]);
        FakeReplicas.NOT_READY.remove(second);
        await().atMost(Duration.ofSeconds(5)).until(() -> searches(4).contains(second));
    }

    @Test
    @Order(3)
    void aReplicaThatDiedCostsNoFailedRequestAndComesBackWhenItListensAgain() throws Exception {
        int second = FakeReplicas.QUERY[1];
        FakeReplicas.kill(second);
        List<Integer> statuses = new ArrayList<>();
        List<Integer> answeredBy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Response answer = search();
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 200) {
                answeredBy.add(answer.path("replica"));
            }
        }
        assertThat(statuses).as("its refused connections were retried on the other replica").containsOnly(200);
        assertThat(answeredBy).containsOnly(FakeReplicas.QUERY[0]);
        FakeReplicas.listen(second);
        await().atMost(Duration.ofSeconds(5)).until(() -> searches(4).contains(second));
    }

    @Test
    @Order(4)
    void withEveryReplicaGoneTheAnswerIsAProblemNamingTheService() throws Exception {
        for (int port : FakeReplicas.query()) {
            FakeReplicas.kill(port);
        }
        Response answer = search();
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.<String>path("detail")).contains("query-service is unreachable");
        for (int port : FakeReplicas.query()) {
            FakeReplicas.listen(port);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> search().statusCode() == 200);
    }

    private static List<Integer> searches(int count) {
        List<Integer> answeredBy = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Response answer = search();
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            answeredBy.add(answer.path("replica"));
        }
        return answeredBy;
    }

    private static Response search() {
        return given().header("Authorization", "Bearer t").contentType("application/json").body("{}")
                .post("/api/datasets/news/TextClassification:search");
    }
}
