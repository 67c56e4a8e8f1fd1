package io.rubrix.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPathsTest {

    @Test
    void reasonsNameJsonTypesNotJavaClasses() {
        assertThat(JsonPaths.withoutJavaTypes("Cannot deserialize value of type `java.lang.Double` from String \"x\""))
                .isEqualTo("Cannot deserialize value of type a number from String \"x\"");
        assertThat(JsonPaths.withoutJavaTypes("Cannot deserialize value of type `java.util.ArrayList<java.lang.String>` "
                + "from Object value")).isEqualTo("Cannot deserialize value of type a list from Object value");
        assertThat(JsonPaths.withoutJavaTypes("Cannot deserialize value of type `java.time.Instant` from Integer"))
                .isEqualTo("Cannot deserialize value of type an ISO-8601 date-time from Integer");
        assertThat(JsonPaths.withoutJavaTypes("of type `io.rubrix.common.record.text.ClassPrediction` from Array"))
                .isEqualTo("of type an object from Array");
        assertThat(JsonPaths.withoutJavaTypes("from Array value (token `com.fasterxml.jackson.core.JsonToken.START_ARRAY`)"))
                .isEqualTo("from Array value (token an array)");
        assertThat(JsonPaths.withoutJavaTypes("no backticks here")).isEqualTo("no backticks here");
        assertThat(JsonPaths.withoutJavaTypes("an odd ` alone")).isEqualTo("an odd ` alone");
    }
}
