package io.rubrix.query.export;

import java.util.List;

import io.rubrix.model.record.token.BioTags;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;

/**
 * CoNLL for token classification, one block per record: {@code # id = <id>} and {@code # tags = <where they come
 * from>} comments, then each token and its BIO tag separated by a tab, then a blank line. The CLI reads it back
 * ({@code rubrix log x.conll -t TokenClassification}, keeping the ids); readers of plain CoNLL skip {@code #} lines or
 * are told to.
 */
final class ConllBlocks {

    private ConllBlocks() {
    }

    static String of(List<TokenClassificationRecord> records, TagSource source) {
        StringBuilder blocks = new StringBuilder(records.size() * 256);
        for (TokenClassificationRecord record : records) {
            TagSource used = source == TagSource.annotation && record.annotation() != null
                    ? TagSource.annotation : TagSource.prediction;
            TokenClassificationAnnotation spans = used == TagSource.annotation ? record.annotation() : record.prediction();
            List<String> tags = BioTags.of(record, spans);
            blocks.append("# id = ").append(record.id() == null ? "" : record.id().value()).append('\n')
                    .append("# tags = ").append(spans == null ? "none" : used.name()).append('\n');
            for (int i = 0; i < tags.size(); i++) {
                blocks.append(record.tokens().get(i)).append('\t').append(tags.get(i)).append('\n');
            }
            blocks.append('\n');
        }
        return blocks.toString();
    }
}
