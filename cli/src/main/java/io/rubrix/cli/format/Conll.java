package io.rubrix.cli.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.token.BioTags;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.record.token.TokenOffsets;

/**
 * CoNLL for token classification: one token and its BIO tag per line, a blank line between sentences, and a
 * {@code # id = ...} comment before each so that a re-import keeps the ids.
 */
public final class Conll {

    private Conll() {
    }

    /** One record's block: its annotation's entities as BIO tags (or its prediction's, when {@code predicted}). */
    public static String write(TokenClassificationRecord record, boolean predicted) {
        List<String> tags = BioTags.of(record, predicted ? record.prediction() : record.annotation());
        StringBuilder block = new StringBuilder("# id = ").append(record.id().value()).append('\n');
        for (int i = 0; i < record.tokens().size(); i++) {
            block.append(record.tokens().get(i)).append(' ').append(tags.get(i)).append('\n');
        }
        return block.append('\n').toString();
    }

    /** The next record of {@code in} (tokens joined by spaces as its text, tags as an annotation by {@code agent}), or null. */
    public static TokenClassificationRecord read(BufferedReader in, String agent) {
        try {
            String id = null;
            List<String> tokens = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    if (!tokens.isEmpty()) {
                        break;
                    }
                } else if (line.startsWith("# id = ")) {
                    id = line.substring("# id = ".length()).strip();
                } else if (!line.startsWith("#")) {
                    String[] columns = line.strip().split("\\s+");
                    tokens.add(columns[0]);
                    tags.add(columns.length > 1 ? columns[columns.length - 1] : "O");
                }
            }
            if (tokens.isEmpty()) {
                return null;
            }
            String text = String.join(" ", tokens);
            List<EntitySpan> entities = entities(TokenOffsets.locate(text, tokens), tags);
            TokenClassificationAnnotation annotation = entities.isEmpty() && tags.stream().allMatch("O"::equals)
                    ? null : new TokenClassificationAnnotation(agent, entities, null);
            return new TokenClassificationRecord(id == null ? null : RecordId.of(id), Map.of(), null,
                    annotation == null ? null : RecordStatus.Validated, null, annotation, tokens, text, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<EntitySpan> entities(TokenOffsets offsets, List<String> tags) {
        List<EntitySpan> entities = new ArrayList<>();
        int start = -1;
        String label = null;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            boolean continues = label != null && tag.equals("I-" + label);
            if (label != null && !continues) {
                entities.add(new EntitySpan(start, offsets.ends()[i - 1], label));
                label = null;
            }
            if (tag.startsWith("B-") || (tag.startsWith("I-") && label == null)) {
                label = tag.substring(2);
                start = offsets.starts()[i];
            }
        }
        return entities;
    }
}
