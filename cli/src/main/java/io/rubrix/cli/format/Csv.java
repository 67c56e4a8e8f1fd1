package io.rubrix.cli.format;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
public final class Csv {

    private Csv() {
    }

    /** The next row of {@code in}, or null at the end. */
    public static List<String> readRow(Reader in) {
        try {
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int c = in.read(); ; c = in.read()) {
                if (c < 0) {
                    if (!any) {
                        return null;
                    }
                    row.add(field.toString());
                    return row;
                }
                any = true;
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next >= 0) {
                                in.reset();
                            }
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    return row;
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row, quoted where needed, ending with a line break. */
    public static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i) == null ? "" : fields.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        return line.append('\n').toString();
    }
}
