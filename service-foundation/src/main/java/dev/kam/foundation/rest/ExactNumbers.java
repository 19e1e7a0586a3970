package dev.kam.foundation.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A number read into untyped JSON (a tree, a map, an audit entry's details) keeps the digits it was written with.
 * Amounts of money are decimals of up to 15 integer digits and 4 decimals: through a double,
 * {@code 999999999999999.9999} would read as {@code 1e15}, which is beyond the limit it was checked against. And a
 * number with a fraction is not taken where a whole number is asked for: a capacity of 1.5 had been cut to 1 silently.
 */
@Singleton
public class ExactNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // a whole number is asked for where a count is (a capacity, a limit): 1.5 is refused, not cut to 1
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
