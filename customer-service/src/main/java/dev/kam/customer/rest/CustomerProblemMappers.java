package dev.kam.customer.rest;

import dev.kam.customer.service.CustomerImportJobs;

import dev.kam.customer.domain.CustomerArchivedException;
import dev.kam.customer.domain.CustomerNotFoundException;
import dev.kam.customer.domain.ExternalRefConflictException;
import dev.kam.customer.domain.InvalidProfileException;
import dev.kam.customer.domain.PreconditionFailedException;
import dev.kam.foundation.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

import static dev.kam.foundation.rest.Problem.answer;

/** The customer rules, answered as problem+json. */
public class CustomerProblemMappers {

    @ServerExceptionMapper
    public Response notFound(CustomerNotFoundException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Not Found", 404, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response stale(PreconditionFailedException e, UriInfo uri) {
        return answer(Problem.of("precondition-failed", "Precondition Failed", 412, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response archived(CustomerArchivedException e, UriInfo uri) {
        return answer(Problem.of("customer-archived", "Customer archived", 409, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response refTaken(ExternalRefConflictException e, UriInfo uri) {
        return answer(Problem.of("external-ref-taken", "External reference taken", 409, e.getMessage())
                .withViolations(List.of(new Problem.Violation("externalRefs", e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidProfileException e, UriInfo uri) {
        return answer(Problem.validation(e.getMessage(), e.violations().stream()
                .map(violation -> new Problem.Violation(violation.field(), violation.message())).toList()), uri);
    }

    @ServerExceptionMapper
    public Response uploadTooLarge(CustomerImportJobs.UploadTooLargeException e, UriInfo uri) {
        return answer(Problem.of("payload-too-large", "Payload Too Large", 413, e.getMessage())
                .withViolations(List.of(new Problem.Violation("body", e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response noSuchJob(ImportJobNotFoundException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Not Found", 404, e.getMessage()), uri);
    }
}
