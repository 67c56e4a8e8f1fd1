package io.rubrix.model.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;

class AgreementTest {

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve units,
     * nominal values, some missing ("."); alpha = 0.743. Unit 12 has one value and is not pairable.
     */
    private static final String[][] KRIPPENDORFF_C = {
            {"1", "1", ".", "1"}, {"2", "2", "3", "2"}, {"3", "3", "3", "3"}, {"3", "3", "3", "3"},
            {"2", "2", "2", "2"}, {"1", "2", "3", "4"}, {"4", "4", "4", "4"}, {"1", "1", "2", "1"},
            {"2", "2", "2", "2"}, {".", "5", "5", "5"}, {".", ".", "1", "1"}, {".", "3", ".", "."}};

    @Test
    void alphaOfThePublishedWorkedExampleSummedUnitByUnit() {
        Map<ValuePair, Double> summed = new HashMap<>();
        for (String[] unit : KRIPPENDORFF_C) {
            List<String> values = Arrays.stream(unit).filter(v -> !v.equals(".")).toList();
            NominalAlpha.coincidences(values).forEach((pair, o) -> summed.merge(pair, o, Double::sum));
        }
        // the coincidence matrix of the paper: o_11 = 7, o_12 = 4/3, n = 40 pairable values
        assertThat(summed.get(new ValuePair("1", "1"))).isCloseTo(7.0, within(1e-9));
        assertThat(summed.get(new ValuePair("1", "2"))).isCloseTo(4.0 / 3, within(1e-9));
        assertThat(summed.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(40.0, within(1e-9));
        assertThat(NominalAlpha.alpha(summed).getAsDouble()).isCloseTo(0.743, within(0.0005));
    }

    @Test
    void aUnitOfOneValueContributesNothingAndNoVariationHasNoAlpha() {
        assertThat(NominalAlpha.coincidences(List.of("spam"))).isEmpty();
        Map<ValuePair, Double> allSpam = new HashMap<>(NominalAlpha.coincidences(List.of("spam", "spam")));
        assertThat(NominalAlpha.alpha(allSpam)).isEmpty();
        assertThat(NominalAlpha.alpha(Map.of())).isEmpty();
    }

    @Test
    void perfectAgreementIsOneAndSystematicDisagreementBelowZero() {
        List<Map<ValuePair, Double>> units = new ArrayList<>();
        units.add(NominalAlpha.coincidences(List.of("spam", "spam")));
        units.add(NominalAlpha.coincidences(List.of("ham", "ham")));
        assertThat(NominalAlpha.alpha(sum(units)).getAsDouble()).isCloseTo(1.0, within(1e-9));
        List<Map<ValuePair, Double>> opposed = List.of(NominalAlpha.coincidences(List.of("spam", "ham")),
                NominalAlpha.coincidences(List.of("ham", "spam")));
        assertThat(NominalAlpha.alpha(sum(opposed)).getAsDouble()).isLessThan(0);
    }

    /** Wikipedia's example of Cohen's kappa: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15: 0.4. */
    @Test
    void kappaOfTheTextbookExample() {
        Map<ValuePair, Long> confusion = Map.of(new ValuePair("yes", "yes"), 20L, new ValuePair("yes", "no"), 5L,
                new ValuePair("no", "yes"), 10L, new ValuePair("no", "no"), 15L);
        assertThat(CohensKappa.of(confusion).getAsDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(CohensKappa.of(Map.of())).isEmpty();
        assertThat(CohensKappa.of(Map.of(new ValuePair("spam", "spam"), 3L))).as("no variation").isEmpty();
    }

    /**
     * Spans by token: "Ada met Bob", ana marks Ada and Bob as PER, bob marks Ada only. Tokens: (B-PER, B-PER), (O, O),
     * (B-PER, O): totals B-PER 3, O 3, n 6, one disagreeing pair each way: alpha = 1 - 5 * 2 / (36 - 18) = 4/9.
     */
    @Test
    void spansAgreeTokenByToken() {
        TokenClassificationRecord record = new TokenClassificationRecord(RecordId.of("r1"), Map.of(), null, null, null,
                null, List.of("Ada", "met", "Bob"), "Ada met Bob", null, null);
        Map<ValuePair, Double> units = AgreementUnits.ofSpans(record, List.of(
                new TokenClassificationAnnotation("ana", List.of(new EntitySpan(0, 3, "PER"), new EntitySpan(8, 11, "PER")), null),
                new TokenClassificationAnnotation("bob", List.of(new EntitySpan(0, 3, "PER")), null)));
        assertThat(units).containsOnlyKeys(new ValuePair("B-PER", "B-PER"), new ValuePair("O", "O"),
                new ValuePair("B-PER", "O"), new ValuePair("O", "B-PER"));
        assertThat(NominalAlpha.alpha(units).getAsDouble()).isCloseTo(4.0 / 9, within(1e-9));
    }

    @Test
    void multiLabelAgreesPerLabelAsAppliesOrNot() {
        List<List<String>> responses = List.of(List.of("sports", "news"), List.of("news"));
        assertThat(AgreementUnits.ofLabel("news", responses)).isEqualTo(Map.of(new ValuePair("yes", "yes"), 2.0));
        assertThat(AgreementUnits.ofLabel("sports", responses))
                .isEqualTo(Map.of(new ValuePair("yes", "no"), 1.0, new ValuePair("no", "yes"), 1.0));
    }

    private static Map<ValuePair, Double> sum(List<Map<ValuePair, Double>> units) {
        Map<ValuePair, Double> summed = new HashMap<>();
        units.forEach(unit -> unit.forEach((pair, o) -> summed.merge(pair, o, Double::sum)));
        return summed;
    }
}
