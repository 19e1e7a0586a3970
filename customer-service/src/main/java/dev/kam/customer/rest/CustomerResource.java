package dev.kam.customer.rest;

import dev.kam.foundation.rest.ExternalRefRules;
import dev.kam.foundation.rest.Identifier;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.customer.domain.CustomerProfile;
import dev.kam.customer.domain.CustomerSnapshot;
import dev.kam.customer.domain.ExternalRef;
import dev.kam.customer.repository.CustomerRepository;
import dev.kam.customer.service.CustomerService;
import dev.kam.customer.service.GroupedUpserts;
import dev.kam.customer.service.CustomerService.Outcome;
import dev.kam.foundation.idempotency.IdempotencyKey;
import dev.kam.foundation.idempotency.StoredResponse;
import dev.kam.foundation.rest.Locations;
import dev.kam.foundation.rest.PageCursors;
import dev.kam.foundation.rest.StorableDates;
import dev.kam.foundation.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Customer profiles for CRM integrations: create, read, replace, merge-patch, archive, list, upsert by CRM id. */
@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers", description = "Customer profiles as CRMs sync them")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class CustomerResource {

    /** The customer list's cursor tag (kept as first handed out). */
    private static final String LIST = "p1";

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String EXAMPLE = """
            {"externalRefs": [{"system": "salesforce", "id": "0015g00000XyZ"}],
             "legalName": "Nordwerk Industrie AG", "industry": "automotive", "headquartersCountry": "DE",
             "annualPurchasePotential": {"amount": 4200000, "currency": "EUR"},
             "currentAnnualRevenue": {"amount": 900000, "currency": "EUR"},
             "operatingUnits": [{"name": "Powertrain", "country": "DE"}],
             "locations": [{"country": "DE", "region": "Baden-Württemberg", "city": "Stuttgart"}],
             "functionalAreas": ["PROCUREMENT", "ENGINEERING", "QUALITY"],
             "selectionCriteria": ["price", "delivery reliability", "technical support"],
             "buyingCenter": [{"contactId": "c-17", "name": "Jana Keller", "title": "Head of Purchasing",
                               "roles": ["DECIDER", "BUYER"], "operatingUnit": "Powertrain"}],
             "partnershipIntent": "LONG_TERM_PARTNERSHIP", "supplierStatus": "APPROVED", "relationshipSince": "2019-03-01"}""";

    /** A page of customers; {@code nextCursor} is null on the last page. */
    public record CustomerPage(List<CustomerSnapshot> items, String nextCursor) {
    }

    private final CustomerService customers;
    private final GroupedUpserts syncWrites;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final SecurityIdentity identity;
    private final Locations locations;
    private final ObjectReader patchReader;

    CustomerResource(CustomerService customers, GroupedUpserts syncWrites, ObjectMapper objectMapper, Validator validator,
                     SecurityIdentity identity, Locations locations) {
        this.syncWrites = syncWrites;
        this.locations = locations;
        this.patchReader = objectMapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.customers = customers;
        this.objectMapper = objectMapper;
        this.validator = validator;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "createCustomer", summary = "Create a customer",
            description = "Registers a customer and publishes kam.customer.registered.v1. Send an Idempotency-Key to retry safely: "
                    + "the same key with the same body returns the first answer again (with Idempotent-Replayed: true) and creates nothing; "
                    + "the same key with another body is 422. To sync by your CRM's id, prefer PUT /by-external-ref.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Nordwerk", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = {@Header(name = "Location", description = "the new customer"), @Header(name = "ETag", description = "its version")},
            content = @Content(schema = @Schema(implementation = CustomerSnapshot.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    public Response create(
            @Parameter(description = "Makes a retried POST safe; 1-200 characters, unique per request")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull CustomerRequest request) {
        CustomerProfile profile = request.toProfile();
        if (idempotencyKey == null) {
            CustomerSnapshot created = customers.register(profile);
            return Response.status(201).header(HttpHeaders.LOCATION, location(created.id())).tag(EntityTags.of(created.version()))
                    .entity(created).build();
        }
        IdempotencyKey key = idempotencyKey(idempotencyKey, request);
        return customers.register(profile, key, created -> new StoredResponse(201, json(created),
                location(created.id()), EntityTags.of(created.version()).toString())).toResponse();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "getCustomer", summary = "Read a customer", description = "The current profile, archived ones too (archived: true), with its version as the ETag; send the ETag as If-Match to change the profile without overwriting someone else's change.")
    @APIResponse(responseCode = "200", description = "The customer", headers = @Header(name = "ETag", description = "send it as If-Match to change it safely"),
            content = @Content(schema = @Schema(implementation = CustomerSnapshot.class)))
    @APIResponse(responseCode = "404", ref = "CustomerNotFound")
    public Response get(@PathParam("id") UUID id) {
        CustomerSnapshot customer = customers.get(id);
        return Response.ok(customer).tag(EntityTags.of(customer.version())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "replaceCustomer", summary = "Replace a customer's profile",
            description = "Publishes kam.customer.profile-changed.v1 with the fields that changed; a replacement that changes nothing publishes nothing.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Nordwerk", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The customer after the change", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CustomerSnapshot.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "CustomerNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response replace(@PathParam("id") UUID id,
                            @Parameter(description = "the ETag you read; 412 if the customer changed since") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull CustomerRequest request) {
        CustomerService.Result result = customers.replace(id, EntityTags.condition(ifMatch), request.toProfile());
        return Response.ok(result.customer()).tag(EntityTags.of(result.customer().version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MERGE_PATCH)
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "patchCustomer", summary = "Change some fields of a customer (JSON Merge Patch, RFC 7396)",
            description = "Members of the patch replace those of the customer; null removes one. The result must be a valid customer.")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "new potential", value = "{\"annualPurchasePotential\": {\"amount\": 5000000, \"currency\": \"EUR\"}, \"industry\": null}")))
    @APIResponse(responseCode = "200", description = "The customer after the change", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CustomerSnapshot.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "CustomerNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response patch(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull String body) {
        JsonNode patch;
        try {
            patch = patchReader.readTree(body); // decimals as they were sent: a double would round amounts, or make them infinite
        } catch (JsonProcessingException e) {
            throw new BadRequestException(e);
        }
        if (!(patch instanceof ObjectNode object)) {
            throw new BadRequestException("a merge patch of a customer must be a JSON object");
        }
        CustomerService.Result result = customers.patch(id, EntityTags.condition(ifMatch),
                current -> mergePatch(current, object), this::readProfile);
        return Response.ok(result.customer()).tag(EntityTags.of(result.customer().version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "archiveCustomer", summary = "Archive a customer",
            description = "The customer is kept and flagged archived, and kam.customer.archived.v1 is published once; archiving again changes nothing.")
    @APIResponse(responseCode = "204", description = "Archived", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "404", ref = "CustomerNotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response archive(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        CustomerSnapshot archived = customers.archive(id, EntityTags.condition(ifMatch));
        return Response.noContent().tag(EntityTags.of(archived.version())).build();
    }

    @GET
    @Path("/by-external-ref/{system}/{externalId}")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "getCustomerByExternalRef", summary = "Read the customer your CRM knows by this id", description = "The same as GET /customers/{id}, found by any of the customer's external references (system and id, e.g. salesforce and the account id).")
    @APIResponse(responseCode = "200", description = "The customer", headers = @Header(name = "ETag", description = "send it as If-Match to change it safely"),
            content = @Content(schema = @Schema(implementation = CustomerSnapshot.class)))
    @APIResponse(responseCode = "404", ref = "CustomerNotFound")
    public Response getByExternalRef(@Parameter(example = "salesforce") @PathParam("system") String system,
                                     @Parameter(example = "0015g00000XyZ") @PathParam("externalId") String externalId) {
        CustomerSnapshot customer = customers.get(new ExternalRef(system, externalId));
        return Response.ok(customer).tag(EntityTags.of(customer.version())).build();
    }

    @PUT
    @Path("/by-external-ref/{system}/{externalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "upsertCustomerByExternalRef", summary = "Create or replace the customer your CRM knows by this id (the sync path)",
            description = "201 when KAM did not know the reference (kam.customer.registered.v1), 200 when it replaced the profile "
                    + "(kam.customer.profile-changed.v1 with changedFields) or found nothing to change (no event). The reference is "
                    + "added to externalRefs if the body lacks it. Concurrent calls for one reference end as one customer.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Nordwerk", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CustomerSnapshot.class)))
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = CustomerSnapshot.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response upsert(
            @Parameter(example = "salesforce") @PathParam("system") @Size(max = ExternalRefRules.SYSTEM_MAX_LENGTH)
            @Pattern(regexp = ExternalRefRules.SYSTEM_PATTERN, message = ExternalRefRules.SYSTEM_MESSAGE) String system,
            @Parameter(example = "0015g00000XyZ", description = "checked as an external reference's id in the body is (before anything is stored)")
            @PathParam("externalId") @Size(min = 1, max = ExternalRefRules.ID_MAX_LENGTH) @Identifier String externalId,
            @Parameter(description = "optional: the ETag you read (or a list of them), 412 if the customer is at another version; "
                    + "* to change the customer only if it exists, 412 if not") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CustomerRequest request) {
        CustomerService.Result result = syncWrites.upsert(new ExternalRef(system, externalId),
                EntityTags.condition(ifMatch), request.toProfile());
        CustomerSnapshot customer = result.customer();
        Response.ResponseBuilder answer = result.outcome() == Outcome.CREATED
                ? Response.status(201).header(HttpHeaders.LOCATION, location(customer.id()))
                : Response.ok();
        return answer.tag(EntityTags.of(customer.version())).entity(customer).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "listCustomers", summary = "Search and list customers",
            description = "In creation order, so paging is stable while others write: a customer created meanwhile appears at the end, "
                    + "none is seen twice or skipped. Follow nextCursor until it is null.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = CustomerPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public CustomerPage list(
            @Parameter(description = "part of the legal name, any case") @QueryParam("q") @Size(max = 300) String q,
            @Parameter(description = "headquarters or any location in this country (ISO 3166-1 alpha-2)") @QueryParam("country") @CountryCode String country,
            @QueryParam("industry") @Size(max = 100) String industry,
            @Parameter(description = "only customers changed at or after this instant (ISO 8601), for incremental sync")
            @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "include archived customers") @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        CustomerRepository.Filter filter = new CustomerRepository.Filter(blankToNull(q), country, blankToNull(industry),
                StorableDates.instantParameter("updatedSince", updatedSince), includeArchived);
        CustomerService.Page page = customers.list(filter, PageCursors.decodeNumber(LIST, cursor, 0), limit);
        String next = page.items().size() == limit ? PageCursors.encode(LIST, page.lastPosition()) : null;
        return new CustomerPage(page.items(), next);
    }

    private CustomerProfile readProfile(CustomerSnapshot patched) {
        CustomerRequest request;
        try {
            request = objectMapper.treeToValue(objectMapper.valueToTree(patched), CustomerRequest.class);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(e);
        }
        Set<ConstraintViolation<CustomerRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request.toProfile();
    }

    private CustomerSnapshot mergePatch(CustomerSnapshot current, ObjectNode patch) {
        ObjectNode target = objectMapper.valueToTree(current);
        merge(target, patch);
        try {
            return objectMapper.treeToValue(target, CustomerSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(e); // answered with the field at fault, like a bad body
        }
    }

    /** RFC 7396: members replace, null removes, objects merge recursively. */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                merge(existing, (ObjectNode) value);
            } else {
                target.set(field.getKey(), value);
            }
        }
    }

    private IdempotencyKey idempotencyKey(String value, CustomerRequest request) {
        try {
            return IdempotencyKey.of("POST /api/v1/customers", identity.getPrincipal().getName(), value,
                    objectMapper.writeValueAsBytes(request));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(CustomerSnapshot customer) {
        try {
            return objectMapper.writeValueAsString(customer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String location(UUID id) {
        return locations.of("api/v1/customers", id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
