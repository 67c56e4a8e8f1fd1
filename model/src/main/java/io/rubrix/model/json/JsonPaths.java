package io.rubrix.model.json;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Jackson's location of a bad value as the dotted field path our error bodies use, and its message in plain words. */
public final class JsonPaths {

    /** A reason is cut here before it is read: the value it quotes may be as long as a body. */
    private static final int MAX_READ = 2_000;
    private static final String NESTED = "it is nested deeper than 1,000 levels";
    private static final Pattern NON_NUMERIC = Pattern.compile("Non-standard token '([^']*)'");
    private static final Pattern ENUM = Pattern.compile("Cannot deserialize value of type .+? from String \"(.*)\": "
            + "not one of the values accepted for Enum class: \\[(.*)]");
    private static final Pattern FROM_VALUE = Pattern.compile(
            "Cannot deserialize value of type (.+?) from String \"(.*)\": (.*)");
    private static final Pattern FROM_TOKEN = Pattern.compile(
            "Cannot deserialize value of type (.+?) from \\w+ value \\(token (.+?)\\)");
    private static final Pattern FLOAT_AS_INTEGER = Pattern.compile("Cannot coerce Floating-point value \\(([^)]{0,100})\\)");
    private static final Pattern NO_CREATOR = Pattern.compile(
            "Cannot construct instance of (.+?) \\(although .*\\): no (\\w+)(?:/\\w+)?-argument constructor/factory method "
                    + "to deserialize from \\w+ value \\((.*)\\)");

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

    /** Jackson's message said as a person would: the type wanted and the value met, without Jackson's terms. */
    public static String reason(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "invalid value";
        }
        int detail = message.indexOf(" (for ");
        String reason = detail > 0 ? message.substring(0, detail) : message;
        int newline = reason.indexOf('\n');
        reason = newline > 0 ? reason.substring(0, newline) : reason;
        return plain(withoutJavaTypes(reason.length() > MAX_READ ? reason.substring(0, MAX_READ) : reason));
    }

    /** Why a body is not JSON at all, without the parser's settings and source excerpt. */
    public static String parseReason(String message) {
        if (message == null) {
            return "it cannot be read";
        }
        Matcher nonNumeric = NON_NUMERIC.matcher(message);
        if (nonNumeric.find()) {
            return nonNumeric.group(1) + " is not a JSON number (send a number, or null)";
        }
        if (message.contains("nesting depth")) {
            return NESTED;
        }
        String reason = message.length() > MAX_READ ? message.substring(0, MAX_READ) : message;
        for (String cut : List.of(" (start marker at", "\n at [Source", " at [Source", "[Source:", "\n")) {
            int at = reason.indexOf(cut);
            reason = at > 0 ? reason.substring(0, at) : reason;
        }
        return reason.replace("`", "'").strip();
    }

    /** Jackson's mapping messages in plain words ("must be a list, not a string ('spam')"); others as they are. */
    static String plain(String reason) {
        int problem = reason.indexOf("problem: ");
        if (problem >= 0) {
            return reason.substring(problem + "problem: ".length());
        }
        if (reason.contains("nesting depth")) {
            return NESTED;
        }
        Matcher matcher = FLOAT_AS_INTEGER.matcher(reason);
        if (matcher.find()) {
            return "must be an integer, not " + matcher.group(1);
        }
        matcher = ENUM.matcher(reason);
        if (matcher.find()) {
            return "'" + matcher.group(1) + "' is not one of " + matcher.group(2);
        }
        matcher = FROM_VALUE.matcher(reason);
        if (matcher.find()) {
            return matcher.group(3).startsWith("not a valid")
                    ? "must be " + matcher.group(1) + ", not '" + matcher.group(2) + "'"
                    : "'" + matcher.group(2) + "' is " + matcher.group(3);
        }
        matcher = FROM_TOKEN.matcher(reason);
        if (matcher.find()) {
            return "must be " + matcher.group(1) + ", not " + matcher.group(2);
        }
        matcher = NO_CREATOR.matcher(reason);
        if (matcher.find()) {
            String given = switch (matcher.group(2)) {
                case "String" -> "a string";
                case "boolean" -> "a boolean";
                default -> "a number";
            };
            return "must be " + matcher.group(1) + ", not " + given + " (" + matcher.group(3) + ")";
        }
        return reason;
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
