package dev.kam.customer.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kam.customer.domain.CustomerProfile;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a profile as one JSON document. Its own mapper: the stored form must not follow REST settings. */
@Converter
public class CustomerProfileConverter implements AttributeConverter<CustomerProfile, String> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String convertToDatabaseColumn(CustomerProfile profile) {
        try {
            return profile == null ? null : JSON.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store customer profile", e);
        }
    }

    @Override
    public CustomerProfile convertToEntityAttribute(String json) {
        try {
            return json == null ? null : JSON.readValue(json, CustomerProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored customer profile", e);
        }
    }
}
