package io.rubrix.model.agreement;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rubrix.model.record.token.BioTags;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;

/**
 * What one record contributes to the agreement of the tasks whose answer is not one value: the coincidences to add
 * up over records for {@link NominalAlpha}.
 */
public final class AgreementUnits {

    static final String APPLIES = "yes";
    static final String DOES_NOT_APPLY = "no";

    private AgreementUnits() {
    }

    /**
     * Multi-label, per label: the record is a unit whose values are "applies" or "does not" for each response, so
     * every label has its own alpha (a label people never agree on shows, even when the others hide it).
     */
    public static Map<ValuePair, Double> ofLabel(String label, Collection<? extends Collection<String>> responses) {
        return NominalAlpha.coincidences(responses.stream()
                .map(labels -> labels.contains(label) ? APPLIES : DOES_NOT_APPLY).toList());
    }

    /**
     * Spans: every token is a unit, valued by each response's BIO tag of it (the span's label with its boundary,
     * {@code O} outside), so that two spans agree where they cover the same tokens with the same label and the same
     * start; no pairing of spans is needed (a span half-covered by another counts its shared tokens as agreeing).
     */
    public static Map<ValuePair, Double> ofSpans(TokenClassificationRecord record,
            Collection<TokenClassificationAnnotation> responses) {
        List<List<String>> tags = responses.stream().map(spans -> BioTags.of(record, spans)).toList();
        Map<ValuePair, Double> summed = new HashMap<>();
        for (int token = 0; token < record.tokens().size(); token++) {
            int at = token;
            NominalAlpha.coincidences(tags.stream().map(tagsOfOne -> tagsOfOne.get(at)).toList())
                    .forEach((pair, o) -> summed.merge(pair, o, Double::sum));
        }
        return summed;
    }
}
