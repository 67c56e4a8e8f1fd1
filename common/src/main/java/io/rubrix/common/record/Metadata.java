package io.rubrix.common.record;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Record metadata as Rubrix keeps it: nested objects flattened to dotted keys, empty values dropped. */
public final class Metadata {

    private Metadata() {
    }

    /** {@code {"source": {"feed": "reuters"}}} becomes {@code {"source.feed": "reuters"}}; nulls and empty maps are dropped. */
    public static Map<String, Object> flatten(Map<String, ?> metadata) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (metadata != null) {
            flattenInto(flat, "", metadata);
        }
        return flat.isEmpty() ? Map.of() : Collections.unmodifiableMap(flat);
    }

    private static void flattenInto(Map<String, Object> flat, String prefix, Map<String, ?> nested) {
        nested.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> child = (Map<String, ?>) map;
                flattenInto(flat, path + ".", child);
            } else if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
                flat.put(path, value);
            }
        });
    }
}
