package dev.kam.customer.repository;

import dev.kam.customer.domain.CustomerProfile;
import dev.kam.foundation.persistence.StoredJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a profile as one JSON document. */
@Converter
public class CustomerProfileConverter implements AttributeConverter<CustomerProfile, String> {

    @Override
    public String convertToDatabaseColumn(CustomerProfile profile) {
        return profile == null ? null : StoredJson.write(profile);
    }

    @Override
    public CustomerProfile convertToEntityAttribute(String json) {
        return json == null ? null : StoredJson.read(json, CustomerProfile.class);
    }
}
