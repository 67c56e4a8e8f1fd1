package io.rubrix.query.export;

import java.util.List;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * Newline-delimited JSON answers written a page of records at a time, as raw chunks under the NDJSON type:
 * the JSON-stream writer of Quarkus REST would write, and flush, one record at a time.
 */
public final class NdjsonChunks {

    public static final String TYPE = "application/x-ndjson";

    private NdjsonChunks() {
    }

    /** One chunk: each record on its line, each line ended by a newline. */
    public static String lines(ObjectMapper json, List<JsonNode> records) {
        StringBuilder lines = new StringBuilder(records.size() * 1024);
        for (JsonNode record : records) {
            try {
                lines.append(json.writeValueAsString(record)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write record " + record.path("id"), e);
            }
        }
        return lines.toString();
    }

    public static RestMulti<Buffer> response(Multi<Buffer> chunks) {
        return RestMulti.fromMultiData(chunks).header("Content-Type", TYPE).build();
    }
}
