package io.rubrix.cli.format;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * The rows of an RFC 4180 CSV text, read lazily: quoted fields may hold commas, doubled quotes and line breaks.
 * Rows keep the number of cells they have (no padding to the header's width); a blank line is one empty cell.
 * Rows are numbered from 1 (the header) as a spreadsheet shows them.
 */
public final class CsvRows {

    private static final ObjectReader ROWS = new CsvMapper().readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private final MappingIterator<List<String>> rows;
    private int number;

    public CsvRows(Reader in) {
        try {
            this.rows = ROWS.readValues(withoutByteOrderMark(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next row, or null at the end; a row that is not CSV (a quote left open, text after a closing quote) stops
     * with its number.
     */
    public List<String> next() {
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            List<String> row = rows.nextValue();
            number++;
            return row;
        } catch (JsonProcessingException e) {
            throw new RecordFiles.UnreadableFile("row " + (number + 1) + ": not CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spreadsheets' "CSV UTF-8" starts with a byte order mark, which would otherwise prefix the first column's name. */
    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** The number of the row {@link #next()} gave last. */
    public int number() {
        return number;
    }
}
