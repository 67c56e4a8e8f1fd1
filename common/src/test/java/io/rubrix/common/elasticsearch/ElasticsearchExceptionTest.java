package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A bulk item's reason reaches the person who sent the record without Elasticsearch's internals. */
class ElasticsearchExceptionTest {

    @Test
    void anItemReasonLosesPositionsTheQuotedDocumentIdAndIndexNames() {
        assertThat(ElasticsearchException.itemReason("[1:40] failed to parse field [event_timestamp] of type [date] in "
                + "document with id 'p-bad-ts-far'. Preview of field's value: '+999999999-01-01T00:00:00Z'"))
                .isEqualTo("failed to parse field [event_timestamp] of type [date]. Preview of field's value: "
                        + "'+999999999-01-01T00:00:00Z'");
        assertThat(ElasticsearchException.itemReason("[1:8492] failed to parse: Limit of total fields [1000] has been "
                + "exceeded while adding new fields [952]"))
                .isEqualTo("failed to parse: Limit of total fields [1000] has been exceeded while adding new fields [952]");
        assertThat(ElasticsearchException.itemReason("index [rubrix.records.team-a.news] blocked"))
                .isEqualTo("index [dataset news] blocked");
        assertThat(ElasticsearchException.itemReason("[a:1] [12: ] [1:2]")).isEqualTo("[a:1] [12: ] [1:2]");
    }

    @Test
    void theDeepestReasonIsTheCauseUnderATransportWrapper() throws Exception {
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"error": {"root_cause": [{"reason": "[vm][127.0.0.1:9300][indices:data/read/search[phase/query]]"}],
                 "reason": "all shards failed",
                 "caused_by": {"reason": "[vm][127.0.0.1:9300][indices:data/read/search[phase/query]]",
                   "caused_by": {"reason": "Field [metadata.price] of type [keyword] is not supported for aggregation
                 [percentiles] in [rubrix.records.team-a.news]"}}}}""".replace("\n", " "));
        ElasticsearchException refused = new ElasticsearchException(400, body, "refused");
        assertThat(refused.reason()).startsWith("[vm]");
        assertThat(refused.deepestReason()).startsWith("Field [metadata.price] of type [keyword] is not supported")
                .endsWith("in [dataset news]");
        assertThat(new ElasticsearchException(400, new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"error\": {\"reason\": \"bad\"}}"), "refused").deepestReason()).isEqualTo("bad");
    }
}
