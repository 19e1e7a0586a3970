package dev.kam.bench.bare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * What a REST upsert costs the framework alone: a bearer token checked, a JSON body read, a customer row and an
 * outbox row inserted and committed through the same pool and transaction manager the services use. None of
 * KAM's own work (validation, reference locks, events, schema checks, audit).
 */
@Path("/customers")
public class UpsertResource {

    private final AgroalDataSource dataSource;
    private final ObjectMapper objectMapper;

    UpsertResource(AgroalDataSource dataSource, ObjectMapper objectMapper) {
        this.dataSource = dataSource;
        this.objectMapper = objectMapper;
    }

    @PUT
    @Path("/{externalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("crm-integration")
    @Transactional
    public Response upsert(@PathParam("externalId") String externalId, JsonNode body) throws SQLException, JsonProcessingException {
        UUID id = UUID.randomUUID();
        String profile = objectMapper.writeValueAsString(body);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement customer = connection.prepareStatement(
                     "INSERT INTO bench_customer (id, external_id, legal_name, profile, version) VALUES (?, ?, ?, CAST(? AS jsonb), 1)");
             PreparedStatement outbox = connection.prepareStatement("INSERT INTO bench_outbox (event_id, aggregate_id, payload) VALUES (?, ?, ?)")) {
            customer.setObject(1, id);
            customer.setString(2, externalId);
            customer.setString(3, body.path("legalName").asText());
            customer.setString(4, profile);
            customer.executeUpdate();
            outbox.setObject(1, UUID.randomUUID());
            outbox.setString(2, id.toString());
            outbox.setString(3, profile);
            outbox.executeUpdate();
        }
        return Response.status(201).entity(Map.of("id", id, "externalId", externalId, "version", 1)).build();
    }
}
