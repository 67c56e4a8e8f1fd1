package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;

class BulkBodyTest {

    private final BulkBody.Reader reader = new BulkBody.Reader(RubrixJson.newMapper(), 20_000);

    @Test
    void readsTheFieldsInAnyOrderAndSkipsUnknownOnes() throws IOException {
        BulkBody body = read("{\"records\":[{\"id\":\"1\",\"inputs\":{\"t\":\"x\"}},{\"id\":\"2\",\"inputs\":{}}],"
                + "\"unknown\":{\"deep\":[1,{\"a\":2}]},\"metadata\":{\"model\":{\"version\":3}},\"tags\":{\"env\":\"prod\"}}");

        assertThat(body.tags()).containsExactly(java.util.Map.entry("env", "prod"));
        assertThat(body.metadata()).containsKey("model");
        assertThat(body.records()).extracting(RecordReader.Parsed::isValid).containsExactly(true, false);
        assertThat(body.records()).extracting(RecordReader.Parsed::id).containsExactly("1", "2");
    }

    @Test
    void withoutAListOfRecordsIsRefusedNamingRecords() {
        for (String text : new String[] {"", "{}", "[]", "{\"records\":\"not a list\"}", "{\"records\":{\"a\":1}}",
                "{\"records\":null}"}) {
            assertThatThrownBy(() -> read(text)).as(text).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.problem().errors()).singleElement()
                            .satisfies(error -> assertThat(error.field()).isEqualTo("records")));
        }
    }

    @Test
    void tagsOfTheWrongShapeAreRefusedNamingTags() {
        assertThatThrownBy(() -> read("{\"tags\":[\"a\"],\"records\":[]}")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.problem().errors()).singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("tags")));
    }

    @Test
    void malformedJsonFailsAsJson() {
        assertThatThrownBy(() -> read("{\"records\":[{\"id\":\"x\",")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> read("{\"records\":[]} trailing")).isInstanceOf(JsonParseException.class);
    }

    private BulkBody read(String text) throws IOException {
        return reader.read(Task.TextClassification, text.getBytes(StandardCharsets.UTF_8));
    }
}
