package dev.kam.foundation.rest;

import dev.kam.contracts.EventType;
import dev.kam.contracts.Topics;
import dev.kam.foundation.config.EventSchemaAddresses;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

/** What this service is and which topics and event types it publishes and consumes. */
@Path("/api/v1/service-info")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service")
public class ServiceInfoResource {

    /** One topic with the event types (and their schemas) that travel on it. */
    public record TopicInfo(String topic, List<EventTypeInfo> eventTypes) {
    }

    public record EventTypeInfo(String type, String dataSchema) {
    }

    public record ServiceInfo(String service, String version, List<TopicInfo> publishes, List<TopicInfo> consumes,
                              String deadLetterTopic) {
    }

    private final KamConfig config;
    private final String version;
    private final EventSchemaAddresses schemaAddresses;

    ServiceInfoResource(KamConfig config, @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version,
                        EventSchemaAddresses schemaAddresses) {
        this.config = config;
        this.schemaAddresses = schemaAddresses;
        this.version = version;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS, Roles.OPERATOR})
    @Operation(operationId = "getServiceInfo", summary = "Describe this service", description = "Name, version, and the Kafka topics it publishes and consumes with their event types.")
    public ServiceInfo get() {
        return new ServiceInfo(config.service().name(), version,
                topics(config.service().publishes().orElse(List.of())),
                topics(config.service().consumes().orElse(List.of())),
                Topics.deadLetter(config.service().name()));
    }

    private List<TopicInfo> topics(List<String> names) {
        return names.stream()
                .map(topic -> new TopicInfo(topic, Arrays.stream(EventType.values())
                        .filter(type -> type.topic().equals(topic))
                        .map(type -> new EventTypeInfo(type.ceType(), schemaAddresses.dataSchema(type).toString()))
                        .toList()))
                .toList();
    }
}
