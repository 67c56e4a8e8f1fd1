package io.rubrix.model.agreement;

/**
 * Two values side by side: a cell of a coincidence matrix (two values found in one unit) or of a confusion matrix
 * (what a first and a second annotator gave). Written {@code first|second} where a key is stored.
 */
public record ValuePair(String first, String second) {

    public boolean agrees() {
        return first.equals(second);
    }
}
