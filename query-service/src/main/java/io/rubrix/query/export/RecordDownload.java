package io.rubrix.query.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.SourceLines;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * A query's records as a file to download (JSONL, CSV, CoNLL), streamed as the NDJSON export is: one chunk per page
 * of records from the same point-in-time scan, each page read into records only for CSV and CoNLL.
 */
@ApplicationScoped
public class RecordDownload {

    private final RecordExport export;
    private final RecordsIndex records;
    private final ObjectMapper json;
    private final Map<Task, ObjectReader> readers = new EnumMap<>(Task.class);

    public RecordDownload(RecordExport export, RecordsIndex records, ObjectMapper json) {
        this.export = export;
        this.records = records;
        this.json = json;
        for (Task task : Task.values()) {
            readers.put(task, json.readerFor(RecordReader.typeOf(task)));
        }
    }

    public Multi<Buffer> file(String workspace, String name, Task task, RecordQuery query, Integer limit,
            ExportFormat format, TagSource source, boolean withResponses) {
        if (withResponses && format != ExportFormat.jsonl) {
            throw ApiException.badRequest("responses", "every person's responses come in jsonl only, not " + format);
        }
        Multi<Buffer> chunks = switch (format) {
            case jsonl -> withResponses ? export.ndjsonWithResponses(workspace, name, task, query, limit)
                    : export.ndjson(workspace, name, task, query, limit);
            case csv -> csv(workspace, name, task, query, limit);
            case conll -> export.pages(workspace, name, task, query, limit)
                    .map(page -> Buffer.buffer(ConllBlocks.of(this.<TokenClassificationRecord>read(task, page), source)));
        };
        // Elasticsearch refuses a query_text it cannot parse with the first page, before anything is sent
        return chunks.onFailure(ElasticsearchException::refusedQuery)
                .transform(failure -> ApiException.badRequest("query", ((ElasticsearchException) failure).reason()));
    }

    /** The header with the first page of rows (or alone when nothing matches), so a refused query is still a 400. */
    private Multi<Buffer> csv(String workspace, String name, Task task, RecordQuery query, Integer limit) {
        return records.mapping(records.name(workspace, name))
                .map(DatasetFields::of)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(DatasetFields.NONE)
                .onItem().transformToMulti(fields -> {
                    CsvRows rows = new CsvRows(task, fields, json);
                    AtomicBoolean headed = new AtomicBoolean();
                    return export.pages(workspace, name, task, query, limit)
                            .map(page -> {
                                List<List<String>> lines = new ArrayList<>(page.count() + 1);
                                if (!headed.getAndSet(true)) {
                                    lines.add(rows.header());
                                }
                                read(task, page).forEach(record -> lines.add(rows.row(record)));
                                return Buffer.buffer(CsvText.of(lines));
                            })
                            .onCompletion().ifEmpty().continueWith(() -> List.of(Buffer.buffer(CsvText.of(List.of(rows.header())))));
                });
    }

    private <T extends TaskRecord> List<T> read(Task task, SourceLines page) {
        try (MappingIterator<T> lines = readers.get(task).readValues(page.bytes(), 0, page.length())) {
            return lines.readAll();
        } catch (IOException e) { // records are checked as they are written: one that does not read is a bug
            throw new IllegalStateException("a stored record does not read as a " + task + " record", e);
        }
    }
}
