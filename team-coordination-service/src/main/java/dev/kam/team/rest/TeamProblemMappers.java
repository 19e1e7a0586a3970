package dev.kam.team.rest;

import dev.kam.foundation.rest.Problem;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.service.StaffNotFoundException;
import dev.kam.team.service.TeamNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import static dev.kam.foundation.rest.Problem.answer;

/** Team rules, answered as problem+json. */
public class TeamProblemMappers {

    @ServerExceptionMapper
    public Response rule(TeamRuleViolation e, UriInfo uri) {
        return answer(Problem.of("team-rule", "Team rule violated", 409, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response noTeam(TeamNotFoundException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Not Found", 404, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response noStaff(StaffNotFoundException e, UriInfo uri) {
        return answer(Problem.of("staff-not-found", "Unknown staff member", 409, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response invalidStaff(dev.kam.team.service.InvalidStaffException e, UriInfo uri) {
        return answer(Problem.validation(e.getMessage(), e.violations().stream()
                .map(violation -> new Problem.Violation(violation.field(), violation.message())).toList()), uri);
    }

    @ServerExceptionMapper
    public Response invalidRequest(dev.kam.team.service.InvalidRequestException e, UriInfo uri) {
        return answer(Problem.validation(e.getMessage(), e.violations().stream()
                .map(violation -> new Problem.Violation(violation.field(), violation.message())).toList()), uri);
    }

    @ServerExceptionMapper
    public Response unknownManager(dev.kam.team.service.UnknownManagerException e, UriInfo uri) {
        return answer(Problem.of("staff-not-found", "Unknown staff member", 409, e.getMessage())
                .withViolations(java.util.List.of(new Problem.Violation("managerId", e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response notYours(dev.kam.team.service.NotYourTeamException e, UriInfo uri) {
        return answer(Problem.of("forbidden", "Forbidden", 403, e.getMessage()), uri);
    }
}
