package io.rubrix.common.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.rubrix.model.json.RubrixJson;

/** The services' ObjectMapper reads and writes numbers as {@link RubrixJson#withWireNumbers} says. */
@Singleton
public class WireNumbersCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        RubrixJson.withWireNumbers(mapper);
    }
}
