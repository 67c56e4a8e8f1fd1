package io.rubrix.model.validation;

/**
 * Sizes of the wire model that no one reaches by accident, refused with a reason that names the limit
 * (README, "Limits"). They are fixed rather than configured: the SDK checks a record before sending it, both
 * ingest paths (HTTP and Kafka) and the annotation service check it again, and all must agree. The limits that
 * are a deployment's choice (labels in a schema, keys in a dataset's metadata) are settings of the services.
 */
public final class Limits {

    /** A class of a text-classification label or an entity type, in characters. */
    public static final int LABEL_LENGTH = 1_000;
    /** Labels in one prediction or annotation of a text-classification record. */
    public static final int LABELS_PER_RECORD = 1_000;
    /** Entities in one prediction or annotation of a token-classification record. */
    public static final int ENTITIES_PER_RECORD = 10_000;
    /**
     * Metadata keys of one record (once nested objects are flattened). Each key is a field of the dataset's index,
     * and Elasticsearch takes 1,000 fields per index: a record past this could never be stored.
     */
    public static final int METADATA_KEYS_PER_RECORD = 500;
    /** A comment on a record, in characters (Unicode code points, as people count them) once trimmed. */
    public static final int COMMENT_LENGTH = 2_000;

    private Limits() {
    }
}
