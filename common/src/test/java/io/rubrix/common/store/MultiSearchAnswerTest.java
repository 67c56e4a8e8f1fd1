package io.rubrix.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.RecordsIndex.PageAndCounts;

/** The answer of the counts and a page in one _msearch: the page left in the answer, either failure failing the whole. */
class MultiSearchAnswerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theCountsAreATreeAndThePageIsLeftWhereItBegins() throws Exception {
        String page = "{\"took\":2,\"hits\":{\"total\":{\"value\":1},\"hits\":[{\"_id\":\"r1\",\"_source\":{\"id\":\"r1\"}}]},"
                + "\"status\":200}";
        String answer = "{\"took\":3,\"responses\":[{\"took\":1,\"aggregations\":{\"status\":{\"buckets\":[]}},"
                + "\"status\":200}, " + page + "]}";
        PageAndCounts both = MultiSearchAnswer.pageAndCounts(json, bytes(answer), "i");

        assertThat(both.counts().path("aggregations").has("status")).isTrue();
        assertThat(both.page()).isEqualTo(bytes(answer));
        assertThat(answer.substring(both.pageStart(), both.pageStart() + page.length())).isEqualTo(page);
    }

    @Test
    void aFailedPageOrCountsFailsWithItsStatusAndReason() {
        String failure = "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index [i]\"},"
                + "\"status\":404}";
        String fine = "{\"took\":1,\"hits\":{\"hits\":[]},\"status\":200}";

        for (String answer : new String[] {"[" + failure + "," + fine + "]", "[" + fine + "," + failure + "]"}) {
            assertThatThrownBy(() -> MultiSearchAnswer.pageAndCounts(json, bytes("{\"took\":1,\"responses\":" + answer
                    + "}"), "i")).isInstanceOfSatisfying(ElasticsearchException.class, failed -> {
                        assertThat(failed.status()).isEqualTo(404);
                        assertThat(failed.getMessage()).contains("no such index [i]");
                    });
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
