package io.rubrix.annotation;

import java.util.List;
import java.util.Set;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.testing.ServiceHealthContract;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class HealthTest extends ServiceHealthContract {

    @Override
    protected String openApiTitle() {
        return "Rubrix annotation-service";
    }

    @Override
    protected String aPublishedPath() {
        return "/api/jobs/{id}";
    }

    /** Not Kafka: labelling does not wait for it (the relay publishes the label events once it is back). */
    @Override
    protected Set<String> readinessWaitsFor() {
        return Set.of("Elasticsearch");
    }

    @Override
    protected List<String> ownMetrics() {
        return List.of("rubrix_annotations_events_published_total");
    }
}
