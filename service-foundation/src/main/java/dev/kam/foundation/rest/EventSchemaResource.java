package dev.kam.foundation.rest;

import dev.kam.contracts.EventType;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Serves the event contract to the topics' consumers, like the OpenAPI document to REST clients: the JSON
 * Schema behind every {@code ce_dataschema} (its path mirrors the schema's {@code $id}) and the AsyncAPI
 * document. Public, as API documentation is.
 */
@Path("/schemas")
@PermitAll
@Tag(name = "Event contract")
public class EventSchemaResource {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9.-]+\\.json");

    @GET
    @Path("/events/{file}")
    @Produces("application/schema+json")
    @Operation(summary = "JSON Schema of an event type's data",
            description = "e.g. /schemas/events/kam.customer.registered.v1.json, the document whose $id is the event's ce_dataschema")
    public Response eventSchema(@PathParam("file") String file) {
        return resource("schemas/events/", file, "application/schema+json");
    }

    @GET
    @Path("/common/{file}")
    @Produces("application/schema+json")
    @Operation(summary = "Definitions shared by the event schemas")
    public Response commonSchema(@PathParam("file") String file) {
        return resource("schemas/common/", file, "application/schema+json");
    }

    @GET
    @Path("/asyncapi.yaml")
    @Produces("application/yaml")
    @Operation(summary = "AsyncAPI document of the KAM topics and events")
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
        return EventType.class.getClassLoader().getResourceAsStream(resource);
    }
}
