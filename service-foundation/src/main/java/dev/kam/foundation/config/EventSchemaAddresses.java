package dev.kam.foundation.config;

import dev.kam.contracts.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/**
 * Where this service serves the event contract ({@code rest.EventSchemaResource}), so that the {@code ce_dataschema}
 * of every event it publishes is an address that answers with the schema.
 */
@ApplicationScoped
public class EventSchemaAddresses {

    private final URI schemasBase;

    EventSchemaAddresses(KamConfig config, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        String base = config.events().schemaBaseUrl()
                .or(() -> config.http().publicUrl().map(url -> withoutTrailingSlash(url) + "/schemas/"))
                .orElse("http://localhost:" + port + "/schemas/");
        this.schemasBase = URI.create(base.endsWith("/") ? base : base + "/");
    }

    /** The {@code ce_dataschema} of {@code type}. */
    public URI dataSchema(EventType type) {
        return type.dataSchema(schemasBase);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
