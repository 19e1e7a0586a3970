package dev.kam.team.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kam.foundation.config.KamConfig;
import dev.kam.foundation.rest.Identifier;
import dev.kam.foundation.rest.JsonProblems;
import dev.kam.foundation.rest.NdjsonLines;
import dev.kam.foundation.rest.Problem;
import dev.kam.foundation.security.Roles;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.service.InvalidStaffException;
import dev.kam.team.service.StaffingService;
import dev.kam.team.service.UnknownManagerException;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bulk sync of the staff directory: one person per NDJSON line, upserted by employee id. */
@Path("/api/v1/staff-imports")
@Tag(name = "Staff")
public class StaffImportResource {

    /** Lines whose manager comes later in the file, kept until the end; beyond this many they are refused. */
    static final int MAX_WAITING_FOR_MANAGER = 2_000;

    /** One line of the import: a staff request plus its employee id. */
    public record StaffLine(String employeeId, String name, String email, dev.kam.team.domain.StaffFunction function,
                            Set<String> regions, Set<String> industries, Integer capacity, String managerId) {
    }

    /** Named apart from the other violations of the document, so generated clients get a stable name, not Violation1. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "LineViolation")
    public record Violation(String field, String message) {
    }

    public record LineError(long line, List<Violation> violations) {
    }

    public record Report(long accepted, long rejected, List<LineError> errors) {
    }

    private final StaffingService staffing;
    private final ObjectReader reader;
    private final Validator validator;
    private final int maxLineBytes;
    private final long maxBodyBytes;

    StaffImportResource(StaffingService staffing, ObjectMapper objectMapper, Validator validator, KamConfig config) {
        this.staffing = staffing;
        this.reader = objectMapper.readerFor(StaffLine.class);
        this.validator = validator;
        this.maxLineBytes = config.http().maxNdjsonLineBytes();
        this.maxBodyBytes = config.http().maxNdjsonBodyBytes();
    }

    @POST
    @Consumes("application/x-ndjson")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({Roles.CRM_INTEGRATION, Roles.SALES_OPS})
    @Operation(operationId = "importStaff", summary = "Import staff in bulk", description = "One person per line as in PUT /staff/{employeeId}, with employeeId; a bad "
            + "line is reported and never stops the others. A manager may come later in the file than the people who report to them.")
    public Report importStaff(InputStream body) {
        Tally tally = new Tally();
        List<Pending> waiting = new ArrayList<>();
        NdjsonLines lines = new NdjsonLines(body, maxLineBytes, maxBodyBytes);
        try {
            NdjsonLines.Line line;
            while ((line = lines.next()) != null) {
                if (!line.readable()) {
                    tally.reject(line.number(), List.of(new Violation("line", line.problem())));
                    continue;
                }
                Pending staff = parse(line.number(), line.text(), tally);
                if (staff == null) {
                    continue;
                }
                if (staff.member().managerId() != null && !staffing.knows(staff.member().managerId())
                        && waiting.size() < MAX_WAITING_FOR_MANAGER) {
                    waiting.add(staff); // the manager may be further down the file
                    continue;
                }
                save(staff, tally);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the import stream broke off after line " + tally.lastLine, e);
        }
        saveWaiting(waiting, tally);
        return tally.report();
    }

    /** People whose manager came later: saved in rounds, so chains of managers resolve; whoever is left has no known manager. */
    private void saveWaiting(List<Pending> waiting, Tally tally) {
        boolean progress = true;
        while (!waiting.isEmpty() && progress) {
            progress = false;
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Pending staff = it.next();
                if (staffing.knows(staff.member().managerId())) {
                    save(staff, tally);
                    it.remove();
                    progress = true;
                }
            }
        }
        waiting.forEach(staff -> save(staff, tally)); // refused, naming the unknown manager
    }

    private record Pending(long line, StaffMember member) {
    }

    private Pending parse(long number, String text, Tally tally) {
        StaffLine staff;
        try {
            staff = reader.readValue(text);
        } catch (JsonProcessingException e) {
            Problem.Violation violation = JsonProblems.describe(e);
            tally.reject(number, List.of(new Violation(violation.field().equals("body") ? "line" : violation.field(), violation.message())));
            return null;
        }
        List<Violation> violations = new ArrayList<>();
        if (staff == null) {
            violations.add(new Violation("line", "is not a JSON object"));
        } else {
            if (staff.employeeId() == null || staff.employeeId().isBlank()) {
                violations.add(new Violation("employeeId", "must not be blank"));
            } else if (staff.employeeId().length() > 100 || !Identifier.Validator.valid(staff.employeeId())) {
                violations.add(new Violation("employeeId", "must be at most 100 characters, "
                        + "without control characters, / or \\, not . or .., and without spaces at either end"));
            }
            StaffResource.StaffRequest request = new StaffResource.StaffRequest(staff.name(), staff.email(), staff.function(),
                    staff.regions(), staff.industries(), staff.capacity(), staff.managerId());
            for (ConstraintViolation<StaffResource.StaffRequest> violation : validator.validate(request)) {
                violations.add(new Violation(JsonProblems.path(violation), violation.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            tally.reject(number, violations);
            return null;
        }
        return new Pending(number, new StaffMember(staff.employeeId(), staff.name(), staff.email(), staff.function(),
                staff.regions(), staff.industries(), staff.capacity(), staff.managerId()));
    }

    private void save(Pending staff, Tally tally) {
        try {
            staffing.saveStaff(staff.member());
            tally.accepted++;
        } catch (InvalidStaffException e) {
            tally.reject(staff.line(), e.violations().stream().map(v -> new Violation(v.field(), v.message())).toList());
        } catch (UnknownManagerException | TeamRuleViolation e) {
            tally.reject(staff.line(), List.of(new Violation("managerId", e.getMessage())));
        }
    }

    /** Counts of one import; error details for the first thousand refused lines. */
    private static final class Tally {
        long accepted;
        long rejected;
        long lastLine;
        final List<LineError> errors = new ArrayList<>();

        void reject(long line, List<Violation> violations) {
            rejected++;
            lastLine = Math.max(lastLine, line);
            if (errors.size() < 1000) {
                errors.add(new LineError(line, violations.stream().sorted(Comparator.comparing(Violation::field)).toList()));
            }
        }

        Report report() {
            return new Report(accepted, rejected, errors.stream().sorted(Comparator.comparingLong(LineError::line)).toList());
        }
    }
}
