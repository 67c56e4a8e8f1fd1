package io.rubrix.model.record.token;

import java.util.List;

import io.rubrix.model.record.StorableValues;
import io.rubrix.model.validation.Limits;
import io.rubrix.model.validation.Violation;
import io.rubrix.model.validation.Violations;

/** Rubrix's validation rules for token-classification records: tokens in the text, spans on token boundaries. */
final class TokenClassificationRules {

    private TokenClassificationRules() {
    }

    static List<Violation> check(TokenClassificationRecord record) {
        Violations violations = new Violations();
        StorableValues.check(violations, record);
        violations.requireText("raw_text", record.rawText());
        if (record.tokens().isEmpty()) {
            violations.add("tokens", "must have at least one token");
        }
        for (int i = 0; i < record.tokens().size(); i++) {
            if (record.tokens().get(i) == null) {
                violations.add("tokens[" + i + "]", "must not be null");
            }
        }
        if (!violations.isEmpty()) {
            return violations.list();
        }
        TokenOffsets offsets = TokenOffsets.locate(record.rawText(), record.tokens());
        if (!offsets.complete()) {
            int missing = offsets.firstMissing();
            return violations.add("tokens[" + missing + "]",
                    "'" + record.tokens().get(missing) + "' is not found in raw_text after the previous token").list();
        }
        checkLabelling(violations, "prediction", record.prediction(), record.rawText(), offsets);
        checkLabelling(violations, "annotation", record.annotation(), record.rawText(), offsets);
        return violations.list();
    }

    private static void checkLabelling(Violations violations, String field, TokenClassificationAnnotation labelling,
            String text, TokenOffsets offsets) {
        if (labelling == null) {
            return;
        }
        violations.requireText(field + ".agent", labelling.agent());
        violations.requireUnitInterval(field + ".score", labelling.score());
        if (!violations.requireAtMost(field + ".entities", labelling.entities().size(), Limits.ENTITIES_PER_RECORD,
                "entities")) {
            return;
        }
        for (int i = 0; i < labelling.entities().size(); i++) {
            checkSpan(violations, field + ".entities[" + i + "]", labelling.entities().get(i), text, offsets);
        }
    }

    private static void checkSpan(Violations violations, String at, EntitySpan span, String text, TokenOffsets offsets) {
        if (span == null || span.start() == null || span.end() == null) {
            violations.add(at, "needs start, end and label");
            return;
        }
        violations.requireLabel(at + ".label", span.label());
        violations.requireUnitInterval(at + ".score", span.score());
        int start = span.start();
        int end = span.end();
        if (end <= start) {
            violations.add(at, "end (" + end + ") must be greater than start (" + start + ")");
        } else if (start < 0 || end > text.length()) {
            violations.add(at, "span [" + start + ", " + end + ") is outside raw_text of length " + text.length());
        } else {
            if (!offsets.isTokenStart(start)) {
                violations.add(at + ".start", start + " is not the start of a token");
            }
            if (!offsets.isTokenEnd(end)) {
                violations.add(at + ".end", end + " is not the end of a token");
            }
        }
    }
}
