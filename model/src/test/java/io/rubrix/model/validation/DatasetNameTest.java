package io.rubrix.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"news", "ag-news_2", "0day", "a", "a-", "9_"})
    void acceptsRubrixNames(String name) {
        assertThat(DatasetName.check(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-news", "_news", "News", "my news", "news.v2", "né", "news\n", "team/a"})
    void refusesOtherNamesSayingWhy(String name) {
        assertThat(DatasetName.check(name)).contains(
                new Violation("name", "'" + name + "' does not match ^(?!-|_)[a-z0-9-_]+$"));
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void refusesAnEmptyName(String name) {
        assertThat(DatasetName.check(name)).contains(new Violation("name", "must not be empty"));
    }

    @ParameterizedTest
    @ValueSource(ints = {121})
    void refusesNamesTooLongForAnIndex(int length) {
        assertThat(DatasetName.check("a".repeat(length))).get().extracting(Violation::reason).asString()
                .endsWith("is longer than 120 characters");
    }
}
