package io.rubrix.model.record.token;

import java.util.Arrays;
import java.util.List;

/**
 * Where each token lies in the raw text: tokens are found in order, each after the previous one.
 *
 * @param firstMissing index of the first token not found in order in the text, or -1 when all are
 */
public record TokenOffsets(int[] starts, int[] ends, int firstMissing) {

    public static TokenOffsets locate(String text, List<String> tokens) {
        int[] starts = new int[tokens.size()];
        int[] ends = new int[tokens.size()];
        int cursor = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            int at = token == null || token.isEmpty() ? -1 : text.indexOf(token, cursor);
            if (at < 0) {
                return new TokenOffsets(starts, ends, i);
            }
            starts[i] = at;
            ends[i] = at + token.length();
            cursor = ends[i];
        }
        return new TokenOffsets(starts, ends, -1);
    }

    public boolean complete() {
        return firstMissing < 0;
    }

    boolean isTokenStart(int offset) {
        return Arrays.stream(starts).anyMatch(s -> s == offset);
    }

    boolean isTokenEnd(int offset) {
        return Arrays.stream(ends).anyMatch(e -> e == offset);
    }
}
