package io.rubrix.ingest;

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
        return "Rubrix ingest-service";
    }

    @Override
    protected String aPublishedPath() {
        return "/api/datasets/{name}/snapshots";
    }

    /** Records come from Kafka as well as over HTTP. */
    @Override
    protected Set<String> readinessWaitsFor() {
        return Set.of("Elasticsearch", "Kafka");
    }
}
