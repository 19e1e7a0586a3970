package dev.kam.customer.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kam.customer.domain.InvalidProfileException;
import dev.kam.customer.domain.ProfileViolation;
import dev.kam.customer.service.CustomerImportService;
import dev.kam.customer.service.CustomerImportService.ParsedLine;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.rest.JsonProblems;
import dev.kam.foundation.rest.NdjsonLines;
import dev.kam.foundation.rest.Problem;
import dev.kam.foundation.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bulk import of customers as NDJSON: the nightly sync of a whole CRM. */
@Path("/api/v1/customer-imports")
@Tag(name = "Customers")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class CustomerImportResource {

    static final String NDJSON = "application/x-ndjson";

    private final CustomerImportService imports;
    private final ObjectReader lineReader;
    private final Validator validator;
    private final int maxLineBytes;

    CustomerImportResource(CustomerImportService imports, ObjectMapper objectMapper, Validator validator, KamConfig config) {
        this.maxLineBytes = config.http().maxNdjsonLineBytes();
        this.imports = imports;
        this.lineReader = objectMapper.readerFor(CustomerRequest.class);
        this.validator = validator;
    }

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "importCustomers", summary = "Import customers in bulk",
            description = "One customer (as in PUT /customers/by-external-ref) per line, upserted by its first external reference: "
                    + "new ones are registered, changed ones replaced, unchanged ones left alone (and publish nothing). The body is "
                    + "read as a stream and committed in batches, so files of hundreds of thousands of lines are fine. A bad line is "
                    + "reported with its number and the fields at fault, and never stops the good ones. Re-sending the same file is "
                    + "harmless: every line is then unchanged.")
    // the example body is in META-INF/openapi.yaml
    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "What happened to each line",
            content = @Content(schema = @Schema(implementation = CustomerImportService.Report.class),
                    examples = @ExampleObject(name = "one bad line", value = """
                            {"accepted": 9997, "rejected": 3, "created": 9990, "updated": 5, "unchanged": 2,
                             "errors": [{"line": 17, "violations": [{"field": "headquartersCountry",
                                         "message": "must be an ISO 3166-1 alpha-2 country code such as DE"}]}],
                             "errorsTruncated": false}""")))
    public CustomerImportService.Report importCustomers(InputStream body) {
        return imports.importLines(new NdjsonLines(body, maxLineBytes), this::parse);
    }

    private ParsedLine parse(long number, String line) {
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
