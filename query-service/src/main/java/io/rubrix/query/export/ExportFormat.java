package io.rubrix.query.export;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;

/** The file formats of the download ({@code GET .../data?format=}), with the type and file extension each answers. */
enum ExportFormat {

    /** The records as {@code POST .../data} streams them: one per line, in the wire format. */
    jsonl(NdjsonChunks.TYPE),
    /** One row per record, header first (RFC 4180). */
    csv("text/csv; charset=utf-8"),
    /** Token classification: a token and its BIO tag per line, a blank line after each record. */
    conll("text/plain; charset=utf-8");

    private final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The file's name: the dataset's, with this format's extension (dataset names need no quoting). */
    String fileName(String dataset) {
        return dataset + "." + name();
    }

    /** The format {@code name} (jsonl when absent) for a dataset of {@code task}; anything else is a 400 naming it. */
    static ExportFormat of(String name, Task task) {
        if (name == null) {
            return jsonl;
        }
        for (ExportFormat format : values()) {
            if (format.name().equals(name)) {
                if (format == conll && task != Task.TokenClassification) {
                    throw ApiException.badRequest("format", "conll is for TokenClassification datasets; use jsonl or csv");
                }
                return format;
            }
        }
        throw ApiException.badRequest("format", "'" + shortened(name) + "' is not one of jsonl, csv, conll");
    }

    static String shortened(String value) {
        return value.length() > 50 ? value.substring(0, 50) + "..." : value;
    }
}
