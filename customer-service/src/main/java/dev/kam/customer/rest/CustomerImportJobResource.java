package dev.kam.customer.rest;

import dev.kam.customer.repository.ImportJobRepository;
import dev.kam.customer.repository.ImportJobRepository.ImportJob;
import dev.kam.customer.service.CustomerImportJobs;
import dev.kam.customer.service.CustomerImportJobs.LineResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.idempotency.IdempotencyKey;
import dev.kam.foundation.idempotency.StoredResponse;
import dev.kam.foundation.rest.BadQueryException;
import dev.kam.foundation.rest.Locations;
import dev.kam.foundation.rest.NdjsonLines;
import dev.kam.foundation.rest.PageCursors;
import dev.kam.foundation.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bulk imports as jobs: a large NDJSON file accepted at once (202), imported in the background, its progress and per-line results read back. */
@Path("/api/v1/customer-import-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class CustomerImportJobResource {

    private static final String CURSOR = "import-lines";

    /**
     * An import job: RECEIVING while its upload is stored, QUEUED until an importer takes it, RUNNING, then DONE.
     *
     * @param lines     lines received (blank lines are skipped, though counted in line numbers)
     * @param processed lines imported so far: created + updated + unchanged + rejected
     */
    public record JobView(UUID id, String status, long lines, long processed, long created, long updated, long unchanged,
                          long rejected, String submittedBy, Instant submittedAt, Instant startedAt, Instant finishedAt) {

        static JobView of(ImportJob job) {
            return new JobView(job.id(), job.status().name(), job.lines(), job.processed(), job.created(), job.updated(), job.unchanged(),
                    job.rejected(), job.submittedBy(), job.submittedAt(), job.startedAt(), job.finishedAt());
        }
    }

    /** @param nextCursor the page after this one; null on the last page of a finished job */
    public record LinePage(List<LineResult> items, String nextCursor) {
    }

    private final CustomerImportJobs jobs;
    private final Locations locations;
    private final ObjectMapper objectMapper;
    private final int maxLineBytes;
    private final long maxBodyBytes;

    CustomerImportJobResource(CustomerImportJobs jobs, Locations locations, KamConfig config, ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        this.jobs = jobs;
        this.locations = locations;
        this.maxLineBytes = config.http().maxNdjsonLineBytes();
        this.maxBodyBytes = config.http().maxNdjsonBodyBytes();
    }

    @POST
    @Consumes(CustomerImportResource.NDJSON)
    @Blocking
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(operationId = "submitCustomerImportJob", summary = "Submit a bulk import as a job",
            description = "The same NDJSON as POST /customer-imports (one customer per line, upserted by its first external reference), "
                    + "for files of any size up to the job limits (kam.import-jobs.max-lines, 1,000,000 lines, and kam.import-jobs.max-bytes, 1 GiB): the upload is stored and "
                    + "answered at once with 202 and the job; the lines are then imported in the background by whichever instance is free, "
                    + "and survive a restart. Jobs are imported one after another in the order they were accepted (their 202), each in the "
                    + "order of its file: for a reference named in several jobs, the job accepted last wins. Follow Location for progress "
                    + "and /lines for the outcome of each line. Sending the same file again imports it again (its lines are then "
                    + "unchanged), unless it is sent with the same Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = CustomerImportResource.NDJSON, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "202", description = "Stored; the import runs",
            headers = {@Header(name = "Location", description = "the job", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "seconds until progress is worth asking for",
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "413", description = "More lines or bytes than a job takes (kam.import-jobs.max-lines, max-bytes); nothing was kept")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    public Response submit(
            @Parameter(description = "Makes a retried upload safe: the same key with the same file answers the first 202 again "
                    + "(Idempotent-Replayed: true) and makes no second job; with another file, 422. 1-200 characters")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            InputStream body) {
        try {
            return Response.fromResponse(jobs.submit(new NdjsonLines(body, maxLineBytes, maxBodyBytes), idempotencyKey,
                    job -> new StoredResponse(202, json(JobView.of(job)), locations.of("api/v1/customer-import-jobs", job.id()), null))
                    .toResponse()).header("Retry-After", 1).build();
        } catch (IllegalArgumentException malformedKey) {
            throw new BadRequestException(malformedKey.getMessage());
        }
    }

    private String json(JobView job) {
        try {
            return objectMapper.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CRM_INTEGRATION, Roles.VIEWER, Roles.SALES_OPS})
    @Operation(operationId = "getCustomerImportJob", summary = "Progress and counts of an import job",
            description = "Poll until status is DONE: lines received, processed so far, and how many were created, updated, unchanged "
                    + "or rejected. Finished jobs are kept with their results for kam.import-jobs.keep-for (7 days).")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public JobView job(@PathParam("id") UUID id) {
        return jobs.job(id).map(JobView::of).orElseThrow(() -> new ImportJobNotFoundException(id));
    }

    @GET
    @Path("/{id}/lines")
    @RolesAllowed({Roles.CRM_INTEGRATION, Roles.VIEWER, Roles.SALES_OPS})
    @Operation(operationId = "listCustomerImportJobLines", summary = "The outcome of each line of an import job",
            description = "In line order, for the lines imported so far: CREATED, UPDATED or UNCHANGED with the customer's id (what a "
                    + "CRM writes back), or REJECTED with the fields at fault. outcome=REJECTED lists only the lines to fix.")
    @APIResponse(responseCode = "200", description = "A page of line outcomes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinePage.class)))
    @APIResponse(responseCode = "400", description = "cursor is not one this list gave, or limit is out of 1-1000")
    public LinePage lines(@PathParam("id") UUID id, @QueryParam("outcome") LineOutcome outcome, @QueryParam("cursor") String cursor,
                          @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        CustomerImportJobs.ResultPage page = jobs.results(id, () -> PageCursors.decodeNumber(CURSOR, cursor, 0),
                outcome == null ? null : outcome.name(), limit).orElseThrow(() -> new ImportJobNotFoundException(id));
        List<LineResult> items = page.results();
        long last = items.isEmpty() ? page.afterLine() : items.get(items.size() - 1).line();
        boolean more = items.size() == limit || page.job().status() != ImportJobRepository.Status.DONE;
        return new LinePage(items, more ? PageCursors.encode(CURSOR, last) : null);
    }

    /** The outcome filter of the lines. */
    public enum LineOutcome { CREATED, UPDATED, UNCHANGED, REJECTED }
}
