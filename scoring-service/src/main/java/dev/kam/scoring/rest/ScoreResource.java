package dev.kam.scoring.rest;

import dev.kam.foundation.rest.StorableDates;
import dev.kam.foundation.security.Roles;
import dev.kam.scoring.domain.CriterionScore;
import dev.kam.scoring.domain.Designation;
import dev.kam.scoring.domain.Reach;
import dev.kam.scoring.domain.ScoreResult;
import dev.kam.scoring.domain.Tier;
import dev.kam.scoring.repository.ScoringRepository;
import dev.kam.scoring.repository.ScoringRepository.StoredScore;
import dev.kam.scoring.service.CustomerNotScoredException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Scores, their history, and the key-account portfolio. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores")
@RolesAllowed({Roles.VIEWER, Roles.CRM_INTEGRATION, Roles.KEY_ACCOUNT_MANAGER, Roles.SALES_OPS})
public class ScoreResource {

    /**
     * A current score, explained.
     *
     * @param regions   the supplier's sales territories the customer has sites in
     * @param reach     for a key account: LOCAL, NATIONAL (several territories) or GLOBAL (several world areas)
     * @param areas     the world areas of those territories
     * @param countries the countries of its sites
     */
    public record ScoreView(UUID customerId, int modelVersion, double score, Tier tier, Designation designation, Reach reach,
                            double confidence, Map<String, CriterionScore> criteria, List<String> reasons,
                            List<String> whatWouldChange, List<String> regions, List<String> areas, List<String> countries,
                            OverrideView override, Instant scoredAt) {
    }

    public record OverrideView(Tier tier, String reason, Instant expiresAt, String by) {
    }

    public record HistoryView(int modelVersion, double score, Tier tier, Designation designation, String cause,
                              List<String> reasons, Instant scoredAt) {
    }

    public record KeyAccountView(UUID customerId, Designation designation, Reach reach, double score, int modelVersion,
                                 List<String> regions, List<String> areas, Instant scoredAt) {
    }

    public record KeyAccountPage(List<KeyAccountView> items, String nextCursor) {
    }

    private final ScoringRepository repository;

    ScoreResource(ScoringRepository repository) {
        this.repository = repository;
    }

    @GET
    @Path("/scores/{customerId}")
    @Transactional
    @Operation(operationId = "getScore", summary = "The customer's current score",
            description = "Per criterion its score, weight, contribution and inputs; reasons in words; what would change the outcome; the model version; an override if one is in force.")
    public ScoreView score(@PathParam("customerId") UUID customerId) {
        StoredScore score = repository.score(customerId).orElseThrow(() -> new CustomerNotScoredException(customerId));
        OverrideView override = repository.override(customerId)
                .map(o -> new OverrideView(o.tier(), o.reason(), o.expiresAt(), o.createdBy())).orElse(null);
        ScoreResult explained = score.explanation();
        return new ScoreView(customerId, score.modelVersion(), score.total(), score.tier(), score.designation(), explained.reach(),
                score.confidence(), explained.criteria(), explained.reasons(), explained.whatWouldChange(), score.regions(),
                explained.areas(), explained.countries(), override, score.scoredAt());
    }

    @GET
    @Path("/scores/{customerId}/history")
    @Transactional
    @Operation(operationId = "getScoreHistory", summary = "Every change of the customer's score", description = "With asOf (ISO 8601 instant): the score in force at that instant.")
    public List<HistoryView> history(@PathParam("customerId") UUID customerId, @QueryParam("asOf") String asOf) {
        Instant at = StorableDates.instantParameter("asOf", asOf);
        return repository.history(customerId, at).stream().map(h -> new HistoryView(h.modelVersion(), h.total(), h.tier(),
                h.designation(), h.cause(), h.explanation().reasons(), h.scoredAt())).toList();
    }

    @GET
    @Path("/key-accounts")
    @Transactional
    @Operation(operationId = "listKeyAccounts", summary = "The key-account portfolio",
            description = "Key and national accounts in customer-id order; follow nextCursor. Filter by designation, by reach "
                    + "(GLOBAL: national accounts over several world areas) and by region (a sales territory).")
    public KeyAccountPage keyAccounts(@QueryParam("designation") Designation designation, @QueryParam("reach") Reach reach,
                                      @QueryParam("region") String region,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                                      @QueryParam("cursor") String cursor) {
        if (designation == Designation.NONE) {
            throw new BadRequestException("designation must be KEY_ACCOUNT or NATIONAL_ACCOUNT");
        }
        List<StoredScore> page = repository.keyAccounts(designation, reach, region, decode(cursor), limit);
        List<KeyAccountView> items = page.stream().map(s -> new KeyAccountView(s.customerId(), s.designation(), s.explanation().reach(),
                s.total(), s.modelVersion(), s.regions(), s.explanation().areas(), s.scoredAt())).toList();
        String next = items.size() == limit ? encode(items.get(items.size() - 1).customerId()) : null;
        return new KeyAccountPage(items, next);
    }

    private static String encode(UUID after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k1:" + after).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith("k1:")) {
                throw new IllegalArgumentException(decoded);
            }
            return UUID.fromString(decoded.substring(3));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not one this service issued");
        }
    }
}
