package io.rubrix.model.json;

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
        assertThat(JsonPaths.withoutJavaTypes("of type `io.rubrix.model.record.text.ClassPrediction` from Array"))
                .isEqualTo("of type an object from Array");
        assertThat(JsonPaths.withoutJavaTypes("from Array value (token `com.fasterxml.jackson.core.JsonToken.START_ARRAY`)"))
                .isEqualTo("from Array value (token an array)");
        assertThat(JsonPaths.withoutJavaTypes("no backticks here")).isEqualTo("no backticks here");
        assertThat(JsonPaths.withoutJavaTypes("an odd ` alone")).isEqualTo("an odd ` alone");
    }

    @Test
    void jacksonsMessagesAreSaidInPlainWords() {
        assertThat(JsonPaths.plain("Cannot deserialize value of type an object from String \"Bogus\": not one of the values "
                + "accepted for Enum class: [Edited, Discarded, Validated, Default]"))
                .isEqualTo("'Bogus' is not one of Edited, Discarded, Validated, Default");
        assertThat(JsonPaths.plain("Cannot deserialize value of type a number from String \"high\": not a valid Double value"))
                .isEqualTo("must be a number, not 'high'");
        assertThat(JsonPaths.plain("Cannot deserialize value of type an ISO-8601 date-time from String \"1e309\": "
                + "not an ISO-8601 date-time (e.g. 2026-11-28T10:00:00Z)"))
                .isEqualTo("'1e309' is not an ISO-8601 date-time (e.g. 2026-11-28T10:00:00Z)");
        assertThat(JsonPaths.plain("Cannot deserialize value of type a list from String value (token a string)"))
                .isEqualTo("must be a list, not a string");
        assertThat(JsonPaths.plain("Cannot construct instance of a list (although at least one Creator exists): no "
                + "String-argument constructor/factory method to deserialize from String value ('spam')"))
                .isEqualTo("must be a list, not a string ('spam')");
        assertThat(JsonPaths.plain("Cannot construct instance of an object, problem: an id is a string or an integer, not 1.5"))
                .isEqualTo("an id is a string or an integer, not 1.5");
        assertThat(JsonPaths.plain("Document nesting depth (1001) exceeds the maximum allowed (1000, from a x())"))
                .isEqualTo("it is nested deeper than 1,000 levels");
        assertThat(JsonPaths.plain("Cannot coerce Floating-point value (0.5) to an integer value (but could if coercion "
                + "was enabled using a CoercionConfig)")).isEqualTo("must be an integer, not 0.5");
        assertThat(JsonPaths.plain("anything else")).isEqualTo("anything else");
    }

    @Test
    void parseErrorsAreSaidWithoutTheParsersSettings() {
        assertThat(JsonPaths.parseReason("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` "
                + "to allow")).isEqualTo("NaN is not a JSON number (send a number, or null)");
        assertThat(JsonPaths.parseReason("Unexpected end-of-input: expected close marker for Object (start marker at "
                + "[Source: REDACTED; line: 1, column: 11])")).isEqualTo("Unexpected end-of-input: expected close marker for Object");
        assertThat(JsonPaths.parseReason("Document nesting depth (1001) exceeds the maximum allowed (1000, from "
                + "`StreamReadConstraints.getMaxNestingDepth()`)")).isEqualTo("it is nested deeper than 1,000 levels");
    }
}
