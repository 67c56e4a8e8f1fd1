package io.rubrix.ui.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.http.HttpMethod;

class ServiceRoutesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST, /api/datasets/news/TextClassification:bulk, ingest",
            "POST, /api/datasets/news/TextClassification%3Abulk, ingest",
            "PATCH, /api/datasets/news, ingest",
            "DELETE, /api/datasets/news, ingest",
            "PUT, /api/datasets/news:close, ingest",
            "PUT, /api/datasets/news:open, ingest",
            "POST, /api/datasets/news/snapshots, ingest",
            "DELETE, /api/datasets/news/snapshots/s1, ingest",
            "GET, /api/datasets/news/snapshots, query",
            "GET, /api/datasets/news/snapshots/s1/data, query",
            "GET, /api/datasets/, query",
            "GET, /api/datasets/news, query",
            "POST, /api/datasets/news/TextClassification:search, query",
            "POST, /api/datasets/news/TextClassification:summary, query",
            "POST, /api/datasets/news/TextClassification:series, query",
            "POST, /api/datasets/news/TextClassification/data, query",
            "GET, /api/datasets/news/TokenClassification/data, query",
            "GET, /api/_info, query",
            "GET, /api/me, query",
            "GET, /api/docs/spec.json, query",
            "GET, /api/datasets/news/TextClassification/records/r1/annotation, annotation",
            "PUT, /api/datasets/news/TextClassification/records/r%201/annotation, annotation",
            "GET, /api/datasets/news/TokenClassification/records/r1/history, annotation",
            "POST, /api/datasets/news/TextClassification/records/r1/comments, annotation",
            "PUT, /api/datasets/news/TextClassification/records/r1/responses/me, annotation",
            "GET, /api/datasets/news/TextClassification/records/r1/responses, annotation",
            "PUT, /api/datasets/news/TextClassification/records/r1/responses/me:next, annotation",
            "PUT, /api/datasets/news/TextClassification/records/r1/responses/me%3Anext, annotation",
            "PUT, /api/datasets/news/TextClassification/records/r1/review, annotation",
            "POST, /api/datasets/news/TextClassification/queue:next, annotation",
            "POST, /api/datasets/news/TextClassification/queue%3Anext, annotation",
            "PUT, /api/datasets/news/settings/team, annotation",
            "POST, /api/datasets/news/TextClassification:agreement, query",
            "POST, /api/datasets/news/Text2Text/bulk-annotations, annotation",
            "POST, /api/datasets/news/Text2Text/bulk-deletions, annotation",
            "PUT, /api/datasets/news/settings, annotation",
            "POST, /api/datasets/news/settings/schema-from-records, annotation",
            "PUT, /api/datasets/news/TextClassification/labeling/rules/prize, annotation",
            "DELETE, /api/datasets/news/TokenClassification/labeling/rules/prize, annotation",
            "GET, /api/datasets/news/TextClassification/labeling/rules/prize, query",
            "GET, /api/datasets/news/TextClassification/labeling/rules, query",
            "POST, /api/datasets/news/TextClassification/labeling/rules:figures, query",
            "POST, /api/datasets/news/TextClassification/labeling/rules:apply, annotation",
            "POST, /api/datasets/news/TextClassification/labeling/rules%3Aapply, annotation",
            "PUT, /api/datasets/news/TextClassification/monitors/production, annotation",
            "DELETE, /api/datasets/news/TextClassification/monitors/production, annotation",
            "POST, /api/datasets/news/TextClassification/monitors/production:evaluate, annotation",
            "POST, /api/datasets/news/TextClassification/monitors/production%3Aevaluate, annotation",
            "GET, /api/datasets/news/TextClassification/monitors, query",
            "GET, /api/datasets/news/TextClassification/monitors/production, query",
            "GET, /api/datasets/news/TextClassification/monitors/production/evaluations, query",
            "GET, /api/datasets/news/TextClassification/monitors/production/alerts, query",
            "POST, /api/datasets/news/TextClassification/monitors:preview, query",
            "GET, /api/jobs/3f1c, annotation",
            "POST, /api/jobs/3f1c/cancel, annotation",
            "GET, /api/nobody-serves-this, query"})
    void eachPathGoesToTheServiceThatOwnsIt(String method, String path, Service owner) {
        assertThat(ServiceRoutes.of(HttpMethod.valueOf(method), path)).isEqualTo(owner);
    }

    @ParameterizedTest(name = "{0} escapes /api: {1}")
    @CsvSource({
            "/api/datasets/news/TextClassification:search, false",
            "/api/datasets/news/TextClassification/records/r%201/annotation, false",
            "/api/datasets/news/TextClassification/records/a%2Fb/history, false",
            "/api/datasets/news/TextClassification/records/a..b/history, false",
            "/api/datasets/.news, false",
            "/api/x/..%2f..%2fq/metrics, true",
            "/api/x/%2e%2e%2fq/metrics, true",
            "/api/x/..%5c..%5cq/metrics, true",
            "/api/%2e%2e/q/metrics, true",
            "/api/./datasets, true",
            "/api/datasets/%2E, true",
            "/api/datasets/%zz, true",
            "/api/datasets/%2, true"})
    void aPathThatLeavesApiOnceDecodedIsNotForwarded(String path, boolean escapes) {
        assertThat(ServiceRoutes.escapesApi(path)).isEqualTo(escapes);
    }
}
