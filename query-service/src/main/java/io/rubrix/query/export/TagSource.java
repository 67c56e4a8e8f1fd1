package io.rubrix.query.export;

import io.rubrix.model.error.ApiException;

/** Where the tags of a CoNLL download come from ({@code GET .../data?format=conll&source=}). */
enum TagSource {

    /** The person's annotation; a record without one is tagged from its prediction, and says so. */
    annotation,
    /** The model's prediction only: what it found, to compare or to pre-annotate elsewhere. */
    prediction;

    /** The source {@code name} (annotation when absent); it applies to CoNLL only: elsewhere a 400 naming it. */
    static TagSource of(String name, ExportFormat format) {
        if (name == null) {
            return annotation;
        }
        if (format != ExportFormat.conll) {
            throw ApiException.badRequest("source", "applies to format=conll only");
        }
        for (TagSource source : values()) {
            if (source.name().equals(name)) {
                return source;
            }
        }
        throw ApiException.badRequest("source", "'" + ExportFormat.shortened(name) + "' is not one of annotation, prediction");
    }
}
