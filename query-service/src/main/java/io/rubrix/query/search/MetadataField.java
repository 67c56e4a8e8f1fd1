package io.rubrix.query.search;

import java.util.Set;

/**
 * A metadata field of a records index: its dotted name and the type Elasticsearch mapped it to (a number's type when
 * the first value it saw was a number, {@code keyword} for text, ...).
 */
public record MetadataField(String name, String type) {

    private static final Set<String> INTEGRAL = Set.of("long", "integer", "short", "byte", "unsigned_long");
    private static final Set<String> DECIMAL = Set.of("double", "float", "half_float", "scaled_float");

    /** A numeric field can be filtered by a range and has the figures of a range slider. */
    public boolean numeric() {
        return integral() || DECIMAL.contains(type);
    }

    public boolean integral() {
        return INTEGRAL.contains(type);
    }

    /** Stored with less than a double's precision: 0.1 is kept as 0.100000001490116. */
    public boolean singlePrecision() {
        return "float".equals(type) || "half_float".equals(type);
    }
}
