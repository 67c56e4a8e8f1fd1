package io.rubrix.model.query;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields a query text (the search syntax: {@code query_text}, a labelling rule's query) may name. Elasticsearch's
 * query-string reads any field written before a colon, and the records index also holds the team's work on each
 * record (ADR 0012): every person's response. A query naming {@code team...}, or a field pattern that could reach it
 * ({@code *:cara}, {@code t*.responses.user:x}), would let an annotator find what the others answered before
 * answering themselves; patterns stay allowed under {@code inputs.} and {@code metadata.}, the record's own fields.
 */
public final class QueryTextFields {

    private static final String NAME = "((?:[\\p{L}\\p{N}_.*?\\-]|\\\\.)+)";
    private static final Pattern FIELD = Pattern.compile(NAME + "\\s*:");
    private static final Pattern EXISTS = Pattern.compile("_exists_\\s*:\\s*" + NAME);
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private QueryTextFields() {
    }

    /** Why {@code text} may not be searched, if it names a field it may not. */
    public static Optional<String> refused(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String unquoted = QUOTED.matcher(text).replaceAll(" ");
        for (Pattern names : new Pattern[] {FIELD, EXISTS}) {
            Matcher found = names.matcher(unquoted);
            while (found.find()) {
                String field = found.group(1).replace("\\", "");
                if (field.startsWith("team")) {
                    return Optional.of("may not name the field '" + field + "': the team's responses are read through "
                            + "the responses endpoints, by those who may");
                }
                boolean pattern = field.contains("*") || field.contains("?");
                if (pattern && !field.startsWith("inputs.") && !field.startsWith("metadata.")) {
                    return Optional.of("may not name fields by the pattern '" + field + "': patterns are for "
                            + "inputs.* and metadata.*");
                }
            }
        }
        return Optional.empty();
    }
}
