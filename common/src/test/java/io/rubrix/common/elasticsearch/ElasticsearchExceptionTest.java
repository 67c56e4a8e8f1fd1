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
}
