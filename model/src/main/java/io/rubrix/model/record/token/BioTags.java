package io.rubrix.model.record.token;

import java.util.ArrayList;
import java.util.List;

/**
 * The BIO tag of each token of a record for a set of entity spans (CoNLL): {@code B-<label>} on an entity's first
 * token, {@code I-<label>} on its other tokens, {@code O} outside every entity. Two adjacent entities of one label
 * stay two: the second starts with {@code B-} again.
 */
public final class BioTags {

    private static final String OUTSIDE = "O";

    private BioTags() {
    }

    /** One tag per token of {@code record}; every token {@code O} when {@code spans} is null. */
    public static List<String> of(TokenClassificationRecord record, TokenClassificationAnnotation spans) {
        List<EntitySpan> entities = spans == null ? List.of() : spans.entities();
        TokenOffsets offsets = TokenOffsets.locate(record.rawText() == null ? "" : record.rawText(), record.tokens());
        int located = offsets.complete() ? record.tokens().size() : offsets.firstMissing();
        List<String> tags = new ArrayList<>(record.tokens().size());
        EntitySpan previous = null;
        for (int i = 0; i < record.tokens().size(); i++) {
            EntitySpan entity = i < located ? covering(entities, offsets.starts()[i], offsets.ends()[i]) : null;
            if (entity == null) {
                tags.add(OUTSIDE);
            } else {
                tags.add((entity == previous ? "I-" : "B-") + entity.label());
            }
            previous = entity;
        }
        return tags;
    }

    private static EntitySpan covering(List<EntitySpan> entities, int start, int end) {
        for (EntitySpan entity : entities) {
            if (entity != null && entity.start() != null && entity.end() != null
                    && start >= entity.start() && end <= entity.end()) {
                return entity;
            }
        }
        return null;
    }
}
