package dev.kam.console.rest;

import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.domain.ModelVersion;
import dev.kam.console.service.ModelService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * The scoring model: the active version's weights and thresholds, a draft made from it and its activation (sales ops),
 * with the rescore's progress followed on the page.
 */
@Path("/model")
@Produces(MediaType.TEXT_HTML)
public class ModelResource {

    private final Template model;
    private final Template rescore;
    private final ModelService models;
    private final Sessions sessions;

    ModelResource(@Location("model.html") Template model, @Location("rescore.html") Template rescore, ModelService models, Sessions sessions) {
        this.model = model;
        this.rescore = rescore;
        this.models = models;
        this.sessions = sessions;
    }

    @GET
    public TemplateInstance page(@CookieParam(Sessions.COOKIE) String session, @QueryParam("job") String job, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        List<ModelVersion> versions = models.versions(user);
        ModelVersion active = versions.stream().filter(ModelVersion::active).findFirst().orElse(null);
        return model.data("user", user).data("versions", versions).data("active", active).data("salesOps", user.isSalesOps())
                .data("job", job == null || job.isBlank() ? null : models.job(user, job));
    }

    /** The rescore's progress alone: the page asks for it every second while the job runs. */
    @GET
    @Path("jobs/{id}")
    public TemplateInstance job(@CookieParam(Sessions.COOKIE) String session, @PathParam("id") String id, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        return rescore.data("job", models.job(user, id));
    }

    @POST
    @Path("drafts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response draft(@CookieParam(Sessions.COOKIE) String session, @FormParam("description") String description,
                          @FormParam("purchasePotential") double purchasePotential, @FormParam("buyingComplexity") double buyingComplexity,
                          @FormParam("partnershipOrientation") double partnershipOrientation, @FormParam("promotion") double promotion,
                          @FormParam("demotion") double demotion, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        models.createDraft(user, new ModelService.DraftChanges(description == null ? "" : description.strip(), purchasePotential, buyingComplexity,
                partnershipOrientation, promotion, demotion));
        return Redirects.seeOther("/model").build();
    }

    @POST
    @Path("versions/{version}/activation")
    public Response activate(@CookieParam(Sessions.COOKIE) String session, @PathParam("version") int version, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        String job = models.activate(user, version);
        return Redirects.seeOther("/model?job=" + java.net.URLEncoder.encode(job, java.nio.charset.StandardCharsets.UTF_8)).build();
    }
}
