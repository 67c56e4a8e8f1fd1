package io.rubrix.common.json;

import java.util.List;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson's location of a bad value into the dotted field path our error bodies use. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** {@code prediction.labels[0].confidence} for a value Jackson could not bind; "body" when it has no path. */
    public static String of(JsonMappingException e) {
        return of(e.getPath());
    }

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** Jackson's message without its location suffix and source excerpt, for a person to read. */
    public static String reason(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "invalid value";
        }
        int detail = message.indexOf(" (for ");
        String reason = detail > 0 ? message.substring(0, detail) : message;
        int newline = reason.indexOf('\n');
        return withoutJavaTypes(newline > 0 ? reason.substring(0, newline) : reason);
    }

    /**
     * Jackson names the Java type it wanted ({@code Cannot deserialize value of type `java.lang.Double` from String});
     * callers know JSON types, not ours.
     */
    static String withoutJavaTypes(String reason) {
        StringBuilder out = new StringBuilder(reason.length());
        int at = 0;
        while (true) {
            int open = reason.indexOf('`', at);
            int close = open < 0 ? -1 : reason.indexOf('`', open + 1);
            if (close < 0) {
                return out.append(reason, at, reason.length()).toString();
            }
            out.append(reason, at, open).append(jsonType(reason.substring(open + 1, close)));
            at = close + 1;
        }
    }

    /** What a person calls the JSON value that starts with {@code token}: "an array", "a string", "null". */
    public static String typeOf(JsonToken token) {
        return switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "not JSON";
        };
    }

    private static String jsonType(String javaType) {
        String type = javaType.replaceAll("<.*", "");
        if (type.startsWith("com.fasterxml.jackson.core.JsonToken.")) {
            return typeOf(JsonToken.valueOf(type.substring(type.lastIndexOf('.') + 1)));
        }
        if (type.startsWith("io.rubrix.")) {
            return "an object";
        }
        return switch (type) {
            case "java.lang.Double", "java.lang.Float", "double", "float", "java.math.BigDecimal" -> "a number";
            case "java.lang.Integer", "java.lang.Long", "int", "long", "java.math.BigInteger" -> "an integer";
            case "java.lang.Boolean", "boolean" -> "a boolean (true or false)";
            case "java.lang.String", "java.lang.Object" -> "a string";
            case "java.time.Instant" -> "an ISO-8601 date-time";
            default -> type.startsWith("java.util.") && (type.contains("List") || type.contains("Set")
                    || type.contains("Collection")) ? "a list"
                    : type.startsWith("java.util.") && type.contains("Map") ? "an object"
                    : type.contains(".") ? "a " + type.substring(type.lastIndexOf('.') + 1).replace('$', '.') : type;
        };
    }
}
