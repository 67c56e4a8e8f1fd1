package io.rubrix.e2e;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks JSON against the schemas of an OpenAPI 3 document (the subset pydantic writes: $ref, type, properties,
 * required, items, additionalProperties, anyOf, allOf, enum, pattern, date-time; and, for OpenAPI 3.1 documents,
 * oneOf and a list of types). An optional property may be
 * null: pydantic's {@code Optional} fields, which the Python client reads as None, are written without
 * {@code nullable}.
 */
final class OpenApiSchemas {

    private final JsonNode document;

    private OpenApiSchemas(JsonNode document) {
        this.document = document;
    }

    /** Rubrix v0.1's own OpenAPI document, as the original server published it (a copy, in the test resources). */
    static OpenApiSchemas rubrixReference() {
        try (var in = OpenApiSchemas.class.getResourceAsStream("/rubrix-v0.1-openapi.json")) {
            return new OpenApiSchemas(Stack.JSON.readTree(in));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("rubrix-v0.1-openapi.json unreadable", e);
        }
    }

    /** The document published at {@code /api/docs/openapi.json}. */
    static OpenApiSchemas of(JsonNode document) {
        return new OpenApiSchemas(document);
    }

    JsonNode document() {
        return document;
    }

    /** The schema of an operation's 200 answer, or its request body ({@code "request"}). */
    JsonNode operation(String method, String path, String part) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            throw new IllegalArgumentException("no " + method + " " + path + " in the reference document");
        }
        return part.equals("request")
                ? operation.path("requestBody").path("content").path("application/json").path("schema")
                : operation.path("responses").path("200").path("content").path("application/json").path("schema");
    }

    JsonNode schema(String name) {
        return document.path("components").path("schemas").path(name);
    }

    /** Every way {@code value} breaks {@code schema}, each with its JSON path; empty when it conforms. */
    List<String> violations(JsonNode value, JsonNode schema) {
        List<String> found = new ArrayList<>();
        check("$", value, schema, found);
        return found;
    }

    private void check(String at, JsonNode value, JsonNode schema, List<String> found) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            check(at, value, schema(name), found);
            return;
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> check(at, value, part, found));
        }
        for (String alternatives : List.of("anyOf", "oneOf")) {
            if (schema.has(alternatives)) {
                boolean any = false;
                for (JsonNode option : schema.get(alternatives)) {
                    List<String> attempt = new ArrayList<>();
                    check(at, value, option, attempt);
                    any |= attempt.isEmpty();
                }
                if (!any) {
                    found.add(at + ": matches none of " + schema.get(alternatives));
                }
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                found.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.path("type").isArray()) {
            boolean any = false;
            for (JsonNode oneType : schema.get("type")) {
                List<String> attempt = new ArrayList<>();
                check(at, value, ((com.fasterxml.jackson.databind.node.ObjectNode) schema.deepCopy()).set("type", oneType),
                        attempt);
                any |= attempt.isEmpty() || (oneType.asText().equals("null") && value.isNull());
            }
            if (!any) {
                found.add(at + ": " + value + " is none of the types " + schema.get("type"));
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(at, value, schema, found);
            case "array" -> {
                if (!value.isArray()) {
                    found.add(at + ": not an array: " + value);
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        check(at + "[" + i + "]", value.get(i), schema.path("items"), found);
                    }
                }
            }
            case "string" -> string(at, value, schema, found);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    found.add(at + ": not an integer: " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    found.add(at + ": not a number: " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    found.add(at + ": not a boolean: " + value);
                }
            }
            default -> {
            }
        }
    }

    private void object(String at, JsonNode value, JsonNode schema, List<String> found) {
        if (!value.isObject()) {
            found.add(at + ": not an object: " + value);
            return;
        }
        schema.path("required").forEach(name -> {
            if (!value.hasNonNull(name.asText())) {
                found.add(at + ": required " + name.asText() + " is missing");
            }
        });
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                continue;
            }
            if (properties.has(field.getKey())) {
                check(at + "." + field.getKey(), field.getValue(), properties.get(field.getKey()), found);
            } else if (schema.path("additionalProperties").isObject()) {
                check(at + "." + field.getKey(), field.getValue(), schema.get("additionalProperties"), found);
            }
        }
    }

    private static void string(String at, JsonNode value, JsonNode schema, List<String> found) {
        if (!value.isTextual()) {
            found.add(at + ": not a string: " + value);
            return;
        }
        if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").asText())
                .matcher(value.asText()).find()) {
            found.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException withoutZone) {
                try {
                    LocalDateTime.parse(value.asText()); // pydantic reads a date-time without a zone too
                } catch (DateTimeParseException e) {
                    found.add(at + ": not a date-time: " + value.asText());
                }
            }
        }
    }
}
