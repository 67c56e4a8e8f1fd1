package io.rubrix.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rubrix.model.validation.Violation;

class LabelingRuleTest {

    static List<String> fields(LabelingRule rule) {
        return rule.violations().stream().map(Violation::field).toList();
    }

    @Test
    void aRuleNeedsANameAQueryAndALabel() {
        assertEquals(List.of(), fields(new LabelingRule("prize-1", "subject:prize", List.of("spam"), null, null, null,
                null)));
        assertEquals(List.of("name", "query", "labels"), fields(new LabelingRule(null, " ", null, null, null, null,
                null)));
    }

    @Test
    void namesThatWouldEscapeAPathOrAListAreRefused() {
        for (String name : List.of("../x", "a,b", "a*", "-lead", "a b", "x".repeat(65), "")) {
            assertEquals(List.of("name"), fields(new LabelingRule(name, "q", List.of("spam"), null, null, null, null)),
                    name);
        }
    }

    @Test
    void labelsAreDistinctNonEmptyAndFew() {
        assertEquals(List.of("labels[1]", "labels[2]"), fields(new LabelingRule("r", "q",
                Arrays.asList("spam", "spam", " "), null, null, null, null)));
        assertEquals(List.of("labels"), fields(new LabelingRule("r", "q",
                java.util.stream.IntStream.range(0, 21).mapToObj(i -> "l" + i).toList(), null, null, null, null)));
    }
}
