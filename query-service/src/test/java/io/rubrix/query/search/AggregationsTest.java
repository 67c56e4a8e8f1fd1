package io.rubrix.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

class AggregationsTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void confidenceOneIsCountedInTheLastBucketWhichEndsAtOne() throws Exception {
        StringBuilder buckets = new StringBuilder();
        for (int i = 0; i <= 20; i++) {
            // Elasticsearch's keys are sums of 0.05 steps: 0.15000000000000002 and the like
            double key = i * Aggregations.CONFIDENCE_INTERVAL;
            buckets.append(i == 0 ? "" : ",").append("{\"key\":").append(key).append(",\"doc_count\":")
                    .append(i == 19 ? 3 : i == 20 ? 2 : i == 3 ? 1 : 0).append('}');
        }
        Map<String, Object> answer = Aggregations.answer(
                json.readTree("{\"confidence\":{\"buckets\":[" + buckets + "]}}"), List.of(), Map.of());

        @SuppressWarnings("unchecked")
        Map<String, Long> confidence = (Map<String, Long>) answer.get("confidence");
        assertThat(confidence).hasSize(20).doesNotContainKey("1.0")
                .containsEntry("0.0", 0L).containsEntry("0.15", 1L).containsEntry("0.95", 5L);
        assertThat(confidence.keySet()).last().isEqualTo("0.95");
    }
}
