package dev.kam.customer.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kam.customer.domain.InvalidProfileException;
import dev.kam.customer.domain.ProfileViolation;
import dev.kam.customer.service.CustomerImportService;
import dev.kam.customer.service.CustomerImportService.ParsedLine;
import dev.kam.foundation.rest.JsonProblems;
import dev.kam.foundation.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One NDJSON line of a customer import read as the customer it names, as PUT /customers/by-external-ref reads its
 * body (the same JSON reading and validation), or the violations that stop it. Used by the synchronous import and by
 * import jobs alike.
 */
@ApplicationScoped
public class CustomerLines implements CustomerImportService.LineParser {

    private final ObjectReader lineReader;
    private final Validator validator;

    CustomerLines(ObjectMapper objectMapper, Validator validator) {
        this.lineReader = objectMapper.readerFor(CustomerRequest.class);
        this.validator = validator;
    }

    @Override
    public ParsedLine parse(long number, String line) {
        CustomerRequest request;
        try {
            request = lineReader.readValue(line);
        } catch (JsonProcessingException e) {
            Problem.Violation violation = JsonProblems.describe(e);
            return rejected(number, violation.field().equals("body") ? "line" : violation.field(), violation.message());
        }
        if (request == null) {
            return rejected(number, "line", "is not a JSON object");
        }
        Set<ConstraintViolation<CustomerRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return new ParsedLine(number, null, violations.stream()
                    .map(violation -> new ProfileViolation(JsonProblems.path(violation), violation.getMessage()))
                    .sorted(Comparator.comparing(ProfileViolation::field))
                    .toList());
        }
        if (request.externalRefs() == null || request.externalRefs().isEmpty()) {
            return rejected(number, "externalRefs", "must name at least one external reference: imported customers are upserted by it");
        }
        try {
            return new ParsedLine(number, request.toProfile().requireValid(), List.of());
        } catch (InvalidProfileException e) {
            return new ParsedLine(number, null, e.violations());
        }
    }

    private static ParsedLine rejected(long number, String field, String message) {
        return new ParsedLine(number, null, List.of(new ProfileViolation(field, message)));
    }
}
