package io.rubrix.model.record;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Record metadata as Rubrix keeps it: nested objects flattened to dotted keys, empty values dropped. */
public final class Metadata {

    private Metadata() {
    }

    /** {@code {"source": {"feed": "reuters"}}} becomes {@code {"source.feed": "reuters"}}; nulls and empty maps are dropped. */
    public static Map<String, Object> flatten(Map<String, ?> metadata) {
        if (metadata instanceof Flat alreadyFlat) { // a record copied (e.g. stamped) keeps its flattened map
            return alreadyFlat;
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (metadata != null) {
            flattenInto(flat, "", metadata);
        }
        return flat.isEmpty() ? Map.of() : new Flat(flat);
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

    /** A read-only map known to be flat: only {@link #flatten} makes one. */
    private static final class Flat extends AbstractMap<String, Object> {

        private final Map<String, Object> entries;

        Flat(Map<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }
}
