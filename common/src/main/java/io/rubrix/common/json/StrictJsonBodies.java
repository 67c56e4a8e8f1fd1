package io.rubrix.common.json;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.JsonPaths;

/**
 * Reads every JSON request body of our own types as exactly one JSON object. Jackson alone stops after the first
 * value, so {@code {}xyz} or two objects in a row were read as the first and the rest silently dropped; and the
 * deserializers Quarkus generates for records read {@code null}, {@code []} or {@code "str"} as an empty request,
 * so a settings replacement with such a body wiped the schema. An absent body stays absent (the endpoint's
 * default, such as "every record").
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJsonBodies implements MessageBodyReader<Object> {

    private final ObjectMapper json;

    public StrictJsonBodies(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.getPackageName().startsWith("io.rubrix.") || JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("body", "must be a JSON object, not " + JsonPaths.typeOf(first));
            }
            Object value = json.readerFor(json.constructType(genericType)).readValue(parser);
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("body", "must be one JSON object; more follows at line "
                        + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
            }
            return value;
        }
    }
}
