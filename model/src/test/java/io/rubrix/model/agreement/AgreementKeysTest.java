package io.rubrix.model.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The keywords a record stores, counted as a terms aggregation counts them, give back the exact sums. */
class AgreementKeysTest {

    private static final String[][] KRIPPENDORFF_C = {
            {"1", "1", ".", "1"}, {"2", "2", "3", "2"}, {"3", "3", "3", "3"}, {"3", "3", "3", "3"},
            {"2", "2", "2", "2"}, {"1", "2", "3", "4"}, {"4", "4", "4", "4"}, {"1", "1", "2", "1"},
            {"2", "2", "2", "2"}, {".", "5", "5", "5"}, {".", ".", "1", "1"}, {".", "3", ".", "."}};

    @Test
    void thePublishedExampleThroughKeywordCountsIsStillAlpha0743() {
        Map<String, Long> counts = new HashMap<>();
        for (String[] unit : KRIPPENDORFF_C) {
            List<String> values = Arrays.stream(unit).filter(v -> !v.equals(".")).toList();
            // a record holds each keyword once: what a terms aggregation counts is records
            AgreementKeys.coincidences("", NominalAlpha.coincidences(values), values.size()).stream().distinct()
                    .forEach(key -> counts.merge(key, 1L, Long::sum));
        }
        Map<ValuePair, Double> summed = AgreementKeys.sumCoincidences(counts).get("");
        assertThat(summed.get(new ValuePair("1", "1"))).isCloseTo(7.0, within(1e-9));
        assertThat(NominalAlpha.alpha(summed).getAsDouble()).isCloseTo(0.743, within(0.0005));
    }

    @Test
    void largeCountsAreWrittenAsPowersOfTwoAndSummedBack() {
        assertThat(AgreementKeys.powersOfTwo(13)).containsExactly(1L, 4L, 8L);
        assertThat(AgreementKeys.powersOfTwo(0)).isEmpty();
        List<String> keys = AgreementKeys.pairs("ana", "ben", Map.of(new ValuePair("O", "O"), 13L,
                new ValuePair("B-PER", "O"), 2L));
        assertThat(keys).hasSize(4).allMatch(key -> key.startsWith("ana\u001fben\u001f"));
        Map<String, Long> twoRecords = new HashMap<>();
        keys.forEach(key -> twoRecords.put(key, 2L));
        Map<ValuePair, Long> confusion = AgreementKeys.sumPairs(twoRecords).get(new ValuePair("ana", "ben"));
        assertThat(confusion).containsEntry(new ValuePair("O", "O"), 26L).containsEntry(new ValuePair("B-PER", "O"), 4L);
    }
}
