package io.rubrix.model.record.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rubrix.model.record.RecordId;

class BioTagsTest {

    private static final List<String> TOKENS = List.of("Ada", "Lovelace", "met", "Charles", "Babbage", "in", "London");
    private static final String TEXT = "Ada Lovelace met Charles Babbage in London";

    @Test
    void anEntitysFirstTokenIsBeginTheRestInsideAndEverythingElseOutside() {
        assertThat(BioTags.of(record(), spans(new EntitySpan(0, 12, "PER"), new EntitySpan(36, 42, "LOC"))))
                .containsExactly("B-PER", "I-PER", "O", "O", "O", "O", "B-LOC");
    }

    @Test
    void twoAdjacentEntitiesOfOneLabelStayTwo() {
        assertThat(BioTags.of(record(), spans(new EntitySpan(17, 24, "PER"), new EntitySpan(25, 32, "PER"))))
                .containsExactly("O", "O", "O", "B-PER", "B-PER", "O", "O");
    }

    @Test
    void withoutSpansEveryTokenIsOutside() {
        assertThat(BioTags.of(record(), null)).containsOnly("O").hasSize(TOKENS.size());
        assertThat(BioTags.of(record(), spans())).containsOnly("O").hasSize(TOKENS.size());
    }

    private static TokenClassificationRecord record() {
        return new TokenClassificationRecord(RecordId.of("r1"), Map.of(), null, null, null, null, TOKENS, TEXT, null,
                null);
    }

    private static TokenClassificationAnnotation spans(EntitySpan... entities) {
        return new TokenClassificationAnnotation("ana", List.of(entities), null);
    }
}
