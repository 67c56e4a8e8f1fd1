package io.rubrix.cli.format;

import java.util.List;

/**
 * Writes RFC 4180 CSV rows: a field with a comma, a quote (doubled) or a line break is quoted. {@link CsvRows} reads
 * them.
 */
public final class Csv {

    private Csv() {
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
