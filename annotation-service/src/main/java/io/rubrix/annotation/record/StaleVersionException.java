package io.rubrix.annotation.record;

/** Elasticsearch refused a write because the record changed since the version the writer saw. */
public class StaleVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaleVersionException(String recordId) {
        super("record '" + recordId + "' changed since the version given", null, false, false);
    }
}
