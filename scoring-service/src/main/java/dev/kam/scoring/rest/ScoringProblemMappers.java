package dev.kam.scoring.rest;

import dev.kam.foundation.rest.Problem;
import dev.kam.scoring.service.CustomerNotScoredException;
import dev.kam.scoring.service.InvalidModelException;
import dev.kam.scoring.service.ModelNotDraftException;
import dev.kam.scoring.service.ModelNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import static dev.kam.foundation.rest.Problem.answer;

/** Scoring's rules, answered as problem+json. */
public class ScoringProblemMappers {

    @ServerExceptionMapper
    public Response notScored(CustomerNotScoredException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Not Found", 404, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response noModel(ModelNotFoundException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Not Found", 404, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response notDraft(ModelNotDraftException e, UriInfo uri) {
        return answer(Problem.of("model-not-draft", "Model not a draft", 409, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response invalidModel(InvalidModelException e, UriInfo uri) {
        return answer(Problem.validation(e.getMessage(), e.problems().stream()
                .map(problem -> new Problem.Violation("definition", problem)).toList()), uri);
    }

    @ServerExceptionMapper
    public Response overrideRefused(dev.kam.scoring.service.OverrideRefusedException e, UriInfo uri) {
        Problem problem = e.status() == 409 ? Problem.of("customer-archived", "Customer archived", 409, e.getMessage())
                : Problem.validation(e.field() + " " + e.getMessage(), java.util.List.of(new Problem.Violation(e.field(), e.getMessage())));
        return answer(problem, uri);
    }
}
