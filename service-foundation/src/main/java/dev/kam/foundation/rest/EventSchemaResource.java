package dev.kam.foundation.rest;

import dev.kam.contracts.EventSchemas;
import dev.kam.contracts.EventType;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Serves the event contract to the topics' consumers, like the OpenAPI document to REST clients: the folder of
 * event-contracts as it is in the repository, so the relative references of the AsyncAPI document and of the
 * schemas resolve here as they do on disk. Every {@code ce_dataschema} is an address under it. Public, as API
 * documentation is.
 */
@Path("/schemas")
@PermitAll
@Tag(name = "Event contract")
public class EventSchemaResource {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9.-]+\\.json");

    @GET
    @Path("/events/{file}")
    @Produces("application/schema+json")
    @Operation(operationId = "getEventSchema", summary = "JSON Schema of an event type's data",
            description = "e.g. /schemas/events/kam.customer.registered.v1.json, the address an event's ce_dataschema names")
    @APIResponse(responseCode = "200", description = "The JSON Schema (2020-12)", content = @Content(mediaType = "application/schema+json",
            schema = @Schema(type = SchemaType.OBJECT, description = "a JSON Schema document")))
    @APIResponse(responseCode = "404", description = "No event schema by this name")
    public Response eventSchema(@PathParam("file") String file) {
        return resource("events/", file, "application/schema+json");
    }

    @GET
    @Path("/common/{file}")
    @Produces("application/schema+json")
    @Operation(operationId = "getCommonEventSchema", summary = "Definitions shared by the event schemas", description = "e.g. /schemas/common/kam-common.v1.json: identifiers, dates, the customer snapshot and the other parts the event schemas refer to as ../common/...")
    @APIResponse(responseCode = "200", description = "The JSON Schema (2020-12) of the shared definitions", content = @Content(
            mediaType = "application/schema+json", schema = @Schema(type = SchemaType.OBJECT, description = "a JSON Schema document")))
    @APIResponse(responseCode = "404", description = "No shared schema by this name")
    public Response commonSchema(@PathParam("file") String file) {
        return resource("common/", file, "application/schema+json");
    }

    @GET
    @Path("/examples/{file}")
    @Produces("application/json")
    @Operation(operationId = "getEventExample", summary = "An example of an event type's data",
            description = "e.g. /schemas/examples/kam.customer.registered.v1.json, which the AsyncAPI document refers to")
    @APIResponse(responseCode = "200", description = "The example, valid against the event type's schema", content = @Content(
            mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT, description = "an event's data")))
    @APIResponse(responseCode = "404", description = "No example by this name")
    public Response example(@PathParam("file") String file) {
        return resource("examples/", file, "application/json");
    }

    @GET
    @Path("/asyncapi.yaml")
    @Produces("application/yaml")
    @Operation(operationId = "getAsyncApiDocument", summary = "AsyncAPI document of the KAM topics and events", description = "The topics, their partitions and the event types on each, with the CloudEvents headers; schemas and examples are referred to relatively (events/, examples/).")
    @APIResponse(responseCode = "200", description = "The AsyncAPI 3 document, as YAML; its references are relative to this address",
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = SchemaType.STRING)))
    public Response asyncApi() {
        return Response.ok(open("asyncapi.yaml"), "application/yaml").build();
    }

    private static Response resource(String folder, String file, String mediaType) {
        if (!SAFE_NAME.matcher(file).matches()) {
            throw new NotFoundException("no schema " + file);
        }
        InputStream content = open(folder + file);
        if (content == null) {
            throw new NotFoundException("no schema " + file);
        }
        return Response.ok(content, mediaType).build();
    }

    private static InputStream open(String resource) {
        return EventType.class.getClassLoader().getResourceAsStream(EventSchemas.CLASSPATH_FOLDER + resource);
    }
}
