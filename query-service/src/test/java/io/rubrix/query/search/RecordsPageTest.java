package io.rubrix.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;

/** A search answer's hits become the records of a :search answer, their sources' bytes as Elasticsearch sent them. */
@Tag("fast")
class RecordsPageTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void eachSourceIsCopiedAsSentWithItsVersionAndHighlightsAddedAndTheLastSortKept() throws Exception {
        String answer = """
                {"took":3,"timed_out":false,"_shards":{"total":1},"hits":{"total":{"value":1234,"relation":"eq"},
                "max_score":null,"hits":[
                {"_index":"i","_id":"r1","_seq_no":7,"_primary_term":3,"_score":1.5,
                 "_source":{"id":"r1","inputs":{"text":"caf\\u00e9 – naïve \\"quoted\\""},"score":0.30000000000000004,
                            "big":12345678901234567890,"labels":[{"class":"a","confidence":1e-7}]},
                 "highlight":{"inputs.text":["caf\\u00e9 <mark>na\\u00efve</mark>"],"inputs.text.keyword":["x"]},
                 "sort":[1.5,"r1"]},
                {"_index":"i","_id":"r2","_seq_no":8,"_primary_term":3,"_score":1.0,"_source":{ },"sort":[1.0,"r2"]},
                {"_index":"i","_id":"r3","_source":{"id":"r3",
                   "multi":"line"},"_seq_no":9,"_primary_term":4,"sort":[0.5,"r3"]}
                ]}}""";

        RecordsPage page = RecordsPage.read(json, answer.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(page.total()).isEqualTo(1234);
        assertThat(page.count()).isEqualTo(3);
        assertThat(page.lastSort()).isEqualTo(json.readTree("[0.5,\"r3\"]"));
        JsonNode records = json.readTree(page.records().text());
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).isEqualTo(json.readTree("""
                {"id":"r1","inputs":{"text":"café – naïve \\"quoted\\""},"score":0.30000000000000004,
                 "big":12345678901234567890,"labels":[{"class":"a","confidence":1e-7}],"version":"3.7",
                 "highlight":{"inputs.text":"café <mark>naïve</mark>"}}"""));
        assertThat(records.get(1)).isEqualTo(json.readTree("{\"version\":\"3.8\"}"));
        assertThat(records.get(2)).isEqualTo(json.readTree("{\"id\":\"r3\",\"multi\":\"line\",\"version\":\"4.9\"}"));
        // the numbers as written, not as a double would write them again
        assertThat(page.records().text()).contains("\"score\":0.30000000000000004", "12345678901234567890", "1e-7");
    }

    @Test
    void aPageIsReadWhereItBeginsInALargerAnswer() throws Exception {
        String page = "{\"hits\":{\"total\":{\"value\":1},\"hits\":[{\"_seq_no\":2,\"_primary_term\":1,"
                + "\"_source\":{\"id\":\"r1\"},\"sort\":[\"r1\"]}]}}";
        byte[] answer = ("{\"responses\":[{\"aggregations\":{}}," + page + "]}").getBytes(StandardCharsets.UTF_8);

        RecordsPage read = RecordsPage.read(json, answer, answer.length - page.length() - 2);

        assertThat(json.readTree(read.records().text())).isEqualTo(json.readTree("[{\"id\":\"r1\",\"version\":\"1.2\"}]"));
        assertThat(read.lastSort()).isEqualTo(json.readTree("[\"r1\"]"));
    }

    @Test
    void anAnswerWithoutHitsIsAnEmptyPage() throws Exception {
        RecordsPage page = RecordsPage.read(json,
                "{\"took\":1,\"hits\":{\"total\":{\"value\":0},\"hits\":[]}}".getBytes(StandardCharsets.UTF_8), 0);

        assertThat(page.total()).isZero();
        assertThat(page.count()).isZero();
        assertThat(page.records().text()).isEqualTo("[]");
        assertThat(page.lastSort()).isNull();
    }
}
