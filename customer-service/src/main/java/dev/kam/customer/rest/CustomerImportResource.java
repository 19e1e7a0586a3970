package dev.kam.customer.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.customer.service.CustomerImportService;
import dev.kam.foundation.idempotency.IdempotencyKey;
import dev.kam.foundation.idempotency.StoredResponse;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.rest.NdjsonLines;
import dev.kam.foundation.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** Bulk import of customers as NDJSON: the nightly sync of a whole CRM. */
@Path("/api/v1/customer-imports")
@Tag(name = "Customers")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class CustomerImportResource {

    static final String NDJSON = "application/x-ndjson";

    private final CustomerImportService imports;
    private final CustomerLines lines;
    private final int maxLineBytes;
    private final long maxBodyBytes;
    private final ObjectMapper objectMapper;

    CustomerImportResource(CustomerImportService imports, CustomerLines lines, KamConfig config, ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        this.maxLineBytes = config.http().maxNdjsonLineBytes();
        this.maxBodyBytes = config.http().maxNdjsonBodyBytes();
        this.imports = imports;
        this.lines = lines;
    }

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "importCustomers", summary = "Import customers in bulk",
            description = "One customer (as in PUT /customers/by-external-ref) per line, upserted by its first external reference: "
                    + "new ones are registered, changed ones replaced, unchanged ones left alone (and publish nothing). The body is "
                    + "read as a stream and committed in batches of 500 lines; if the body breaks off (the connection closes, or the body "
                    + "comes too slowly: 408), the batch in progress is not imported and those before stay. The answer comes when the "
                    + "last line is stored, so for files larger "
                    + "than your HTTP client, proxy or load balancer waits for, submit them as a job (POST /customer-import-jobs). A bad line is "
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
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    public Response importCustomers(
            @Parameter(description = "Makes a retried import safe: once answered, the same key with the same file answers the first "
                    + "report again (Idempotent-Replayed: true) and imports nothing; with another file, 422. 1-200 characters")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            InputStream body) {
        try {
            return imports.importLines(new NdjsonLines(body, maxLineBytes, maxBodyBytes), lines, idempotencyKey,
                    report -> new StoredResponse(200, json(report), null, null)).toResponse();
        } catch (IllegalArgumentException malformedKey) {
            throw new BadRequestException(malformedKey.getMessage());
        }
    }

    private String json(CustomerImportService.Report report) {
        try {
            return objectMapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
