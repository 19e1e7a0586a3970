package dev.kam.scoring.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.foundation.idempotency.IdempotencyKey;
import dev.kam.foundation.idempotency.StoredResponse;
import dev.kam.foundation.rest.Locations;
import dev.kam.foundation.security.Roles;
import dev.kam.scoring.domain.ScoringModel;
import dev.kam.scoring.repository.ScoringRepository.ModelVersion;
import dev.kam.scoring.repository.ScoringRepository.RescoreJob;
import dev.kam.scoring.service.ModelNotFoundException;
import dev.kam.scoring.service.ModelService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Versions of the scoring model and the rescore jobs their activation starts. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoring models")
public class ScoringModelResource {

    public record ModelRequest(@Size(max = 2000) String description, @NotNull @Valid ScoringModel definition) {
    }

    public record ModelView(int version, String status, String description, ScoringModel definition, Instant createdAt,
                            Instant activatedAt) {
        static ModelView of(ModelVersion model) {
            return new ModelView(model.version(), model.status(), model.description(), model.model(), model.createdAt(),
                    model.activatedAt());
        }
    }

    public record JobView(UUID id, int modelVersion, String status, long total, long done, Instant startedAt, Instant finishedAt) {
        static JobView of(RescoreJob job) {
            return new JobView(job.id(), job.modelVersion(), job.status(), job.total(), job.done(), job.startedAt(), job.finishedAt());
        }
    }

    private final ModelService models;
    private final Locations locations;
    private final ObjectMapper objectMapper;
    private final SecurityIdentity identity;

    ScoringModelResource(ModelService models, Locations locations, ObjectMapper objectMapper, SecurityIdentity identity) {
        this.objectMapper = objectMapper;
        this.identity = identity;
        this.locations = locations;
        this.models = models;
    }

    @GET
    @Path("/scoring-models")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "listScoringModels", summary = "All versions of the scoring model", description = "DRAFT, ACTIVE (exactly one) or RETIRED.")
    public List<ModelView> list() {
        return models.models().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("/scoring-models/{version}")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "getScoringModel", summary = "One version of the scoring model", description = "Its weights, thresholds, "
            + "territories and state (DRAFT, ACTIVE or RETIRED).")
    public ModelView get(@PathParam("version") int version) {
        return models.model(version).map(ModelView::of).orElseThrow(() -> new ModelNotFoundException(version));
    }

    @POST
    @Path("/scoring-models")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SALES_OPS)
    @Operation(operationId = "createScoringModel", summary = "Create a draft model version", description = "Weights must sum to 1; the demotion threshold must not exceed the promotion threshold.")
    @APIResponse(responseCode = "201", description = "The draft", headers = @Header(name = "Location", description = "the draft's path",
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = "application/json", schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "The definition is invalid; every field at fault is listed")
    @APIResponse(responseCode = "422", description = "This Idempotency-Key was used before with a different request")
    public Response create(
            @Parameter(description = "Makes a retried POST safe: the same key with the same body answers the first 201 again "
                    + "(Idempotent-Replayed: true) and makes no second draft; with another body, 422. 1-200 characters")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull ModelRequest request) {
        if (idempotencyKey == null) {
            ModelVersion created = models.createDraft(request.definition(), request.description());
            return Response.status(201).header(HttpHeaders.LOCATION, location(created)).entity(ModelView.of(created)).build();
        }
        IdempotencyKey key;
        try {
            key = IdempotencyKey.of("POST /api/v1/scoring-models", identity.getPrincipal().getName(), idempotencyKey,
                    objectMapper.writeValueAsBytes(request));
        } catch (IllegalArgumentException malformed) {
            throw new BadRequestException(malformed.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return models.createDraft(request.definition(), request.description(), key,
                created -> new StoredResponse(201, json(ModelView.of(created)), location(created), null)).toResponse();
    }

    private String location(ModelVersion model) {
        return locations.of("api/v1/scoring-models", model.version());
    }

    private String json(ModelView model) {
        try {
            return objectMapper.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @POST
    @Path("/scoring-models/{version}/activate")
    @RolesAllowed(Roles.SALES_OPS)
    @Operation(operationId = "activateScoringModel", summary = "Activate a draft and rescore every customer with it", description = "Answers 202 with the rescore job; follow its progress at /rescore-jobs/{id}.")
    @APIResponse(responseCode = "202", description = "Activated; the rescore job runs", headers = @Header(name = "Location",
            description = "the rescore job's path", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No model version with this number")
    @APIResponse(responseCode = "409", description = "The version is not a draft")
    public Response activate(@PathParam("version") int version) {
        RescoreJob job = models.activate(version);
        return Response.accepted(JobView.of(job)).header(HttpHeaders.LOCATION, locations.of("api/v1/rescore-jobs", job.id())).build();
    }

    @GET
    @Path("/rescore-jobs/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
    @Operation(operationId = "getRescoreJob", summary = "Progress of a rescore job", description = "status RUNNING, DONE or SUPERSEDED (another model was activated meanwhile).")
    public JobView job(@PathParam("id") UUID id) {
        return models.job(id).map(JobView::of).orElseThrow(() -> new NotFoundException("no rescore job " + id));
    }
}
