package io.rubrix.model.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON settings of the Rubrix wire format, for code that runs outside Quarkus (clients, tests). */
public final class RubrixJson {

    private RubrixJson() {
    }

    public static ObjectMapper newMapper() {
        return withWireNumbers(JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }

    /** Numbers as the wire format reads them: {@link #withFastNumbers} and {@link #withWholeIntegers}. */
    public static ObjectMapper withWireNumbers(ObjectMapper mapper) {
        return withWholeIntegers(withFastNumbers(mapper));
    }

    /**
     * An integer (a span's start, an id) given as {@code 0.5} is refused: Jackson truncates it by default, and a
     * span would silently move.
     */
    public static ObjectMapper withWholeIntegers(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Confidences and scores read and written by Jackson's own number code instead of the JDK's
     * ({@code Double.toString} was a tenth of the time spent writing a bulk of records).
     */
    public static ObjectMapper withFastNumbers(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
        mapper.getFactory().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
        return mapper;
    }
}
