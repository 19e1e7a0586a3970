package dev.kam.team.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kam.foundation.security.Roles;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.service.StaffingService;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bulk sync of the staff directory: one person per NDJSON line, upserted by employee id. */
@Path("/api/v1/staff-imports")
@Tag(name = "Staff")
public class StaffImportResource {

    /** One line of the import: a staff request plus its employee id. */
    public record StaffLine(String employeeId, String name, String email, dev.kam.team.domain.StaffFunction function,
                            Set<String> regions, Set<String> industries, Integer capacity, String managerId) {
    }

    public record Violation(String field, String message) {
    }

    public record LineError(long line, List<Violation> violations) {
    }

    public record Report(long accepted, long rejected, List<LineError> errors) {
    }

    private final StaffingService staffing;
    private final ObjectReader reader;
    private final Validator validator;

    StaffImportResource(StaffingService staffing, ObjectMapper objectMapper, Validator validator) {
        this.staffing = staffing;
        this.reader = objectMapper.readerFor(StaffLine.class);
        this.validator = validator;
    }

    @POST
    @Consumes("application/x-ndjson")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({Roles.CRM_INTEGRATION, Roles.SALES_OPS})
    @Operation(summary = "Import staff in bulk", description = "One person per line as in PUT /staff/{employeeId}, with employeeId; a bad line is reported and never stops the others.")
    public Report importStaff(InputStream body) {
        long accepted = 0;
        long rejected = 0;
        List<LineError> errors = new ArrayList<>();
        long number = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<Violation> violations = new ArrayList<>();
                StaffLine staff = null;
                try {
                    staff = reader.readValue(line);
                } catch (JsonProcessingException e) {
                    violations.add(new Violation("line", "is not a valid staff record: " + e.getOriginalMessage()));
                }
                if (staff != null) {
                    if (staff.employeeId() == null || staff.employeeId().isBlank()) {
                        violations.add(new Violation("employeeId", "must not be blank"));
                    }
                    StaffResource.StaffRequest request = new StaffResource.StaffRequest(staff.name(), staff.email(), staff.function(),
                            staff.regions(), staff.industries(), staff.capacity(), staff.managerId());
                    for (ConstraintViolation<StaffResource.StaffRequest> violation : validator.validate(request)) {
                        violations.add(new Violation(violation.getPropertyPath().toString(), violation.getMessage()));
                    }
                }
                if (violations.isEmpty()) {
                    staffing.saveStaff(new StaffMember(staff.employeeId(), staff.name(), staff.email(), staff.function(),
                            staff.regions(), staff.industries(), staff.capacity(), staff.managerId()));
                    accepted++;
                } else {
                    rejected++;
                    if (errors.size() < 1000) {
                        violations.sort(Comparator.comparing(Violation::field));
                        errors.add(new LineError(number, violations));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the import stream broke off after line " + number, e);
        }
        return new Report(accepted, rejected, errors);
    }
}
