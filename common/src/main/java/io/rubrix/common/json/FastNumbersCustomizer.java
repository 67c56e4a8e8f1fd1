package io.rubrix.common.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** The services' ObjectMapper reads and writes numbers as {@link RubrixJson#withFastNumbers} says. */
@Singleton
public class FastNumbersCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        RubrixJson.withFastNumbers(mapper);
    }
}
