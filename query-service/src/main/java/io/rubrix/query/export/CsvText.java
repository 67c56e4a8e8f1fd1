package io.rubrix.query.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Rows of RFC 4180 CSV: CRLF after each row, a field quoted only when it holds a comma, a quote (doubled) or a line
 * break. Written a chunk of rows at a time (a page of records), never a whole file.
 */
final class CsvText {

    private static final CsvFactory FACTORY = new CsvFactory().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
    private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private CsvText() {
    }

    /** The rows, each as many fields as it holds; a null field is written empty. */
    static byte[] of(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
        try (CsvGenerator generator = FACTORY.createGenerator(out)) {
            generator.setSchema(ROWS);
            for (List<String> row : rows) {
                generator.writeStartArray();
                for (String field : row) {
                    generator.writeString(field == null ? "" : field); // a null would be left out, not left empty
                }
                generator.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV into memory", e);
        }
        return out.toByteArray();
    }
}
