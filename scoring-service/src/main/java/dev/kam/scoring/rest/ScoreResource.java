package dev.kam.scoring.rest;

import dev.kam.foundation.rest.ExternalRefRules;
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
import dev.kam.foundation.rest.BadQueryException;
import dev.kam.foundation.rest.PageCursors;
import dev.kam.foundation.rest.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /** A CRM's reference of a customer: the system and the id the customer has there. */
    public record ExternalRef(@Schema(example = "salesforce") @NotBlank @Size(max = ExternalRefRules.SYSTEM_MAX_LENGTH)
                              @Pattern(regexp = ExternalRefRules.SYSTEM_PATTERN, message = ExternalRefRules.SYSTEM_MESSAGE) String system,
                              @Schema(example = "0015g00000XyZ") @NotBlank @Size(max = ExternalRefRules.ID_MAX_LENGTH) @Identifier String id) {

        static ExternalRef of(String systemSlashId) {
            int slash = systemSlashId.indexOf('/');
            return new ExternalRef(systemSlashId.substring(0, slash), systemSlashId.substring(slash + 1));
        }

        String systemSlashId() {
            return system + "/" + id;
        }
    }

    /**
     * A score as a CRM writes it back into its records.
     *
     * @param externalRefs the customer's references in the CRMs, as customer-service knows them
     * @param overridden   whether sales ops force the tier (see the score itself for the reason)
     */
    public record ScoreSummary(UUID customerId, List<ExternalRef> externalRefs, double score, Tier tier, Designation designation,
                               Reach reach, boolean overridden, int modelVersion, List<String> regions, Instant scoredAt) {

        static ScoreSummary of(ScoringRepository.ScoreSummary row) {
            return new ScoreSummary(row.customerId(), row.externalRefs().stream().map(ExternalRef::of).toList(), row.total(), row.tier(),
                    row.designation(), row.reach(), row.overridden(), row.modelVersion(), row.regions(), row.scoredAt());
        }
    }

    @Schema(description = "Customers by KAM id, by CRM reference, or both; at most " + MAX_LOOKUPS + " in all")
    public record ScoreLookup(@Size(max = MAX_LOOKUPS) List<@NotNull UUID> customerIds,
                              @Size(max = MAX_LOOKUPS) List<@NotNull @Valid ExternalRef> externalRefs) {
    }

    /**
     * @param items               one per customer found, in no particular order
     * @param unknownCustomerIds  asked for and not scored (unknown, or not scored yet)
     * @param unknownExternalRefs asked for and not known to scoring
     */
    public record ScoreLookupResult(List<ScoreSummary> items, List<UUID> unknownCustomerIds, List<ExternalRef> unknownExternalRefs) {
    }

    /** @param nextCursor where to continue: always given, also when the page is empty, to poll with later */
    public record ScoreChangePage(List<ScoreSummary> items, String nextCursor) {
    }

    /** The most customers one lookup may name. */
    static final int MAX_LOOKUPS = 500;

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
            throw new BadQueryException("designation", "must be KEY_ACCOUNT or NATIONAL_ACCOUNT");
        }
        List<StoredScore> page = repository.keyAccounts(designation, reach, region, PageCursors.decodeId(KEY_ACCOUNTS, cursor), limit);
        List<KeyAccountView> items = page.stream().map(s -> new KeyAccountView(s.customerId(), s.designation(), s.explanation().reach(),
                s.total(), s.modelVersion(), s.regions(), s.explanation().areas(), s.scoredAt())).toList();
        String next = items.size() == limit ? PageCursors.encode(KEY_ACCOUNTS, items.get(items.size() - 1).customerId()) : null;
        return new KeyAccountPage(items, next);
    }

    @POST
    @Path("/score-lookups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "lookUpScores", summary = "The scores of many customers at once, by KAM id or by CRM reference",
            description = "For a CRM writing results back: up to " + MAX_LOOKUPS + " customers per call, named by customerIds, by "
                    + "externalRefs (system and id, as the CRM sent them to customer-service), or both. Answers each customer found once, "
                    + "with all its CRM references, and lists what was not found. A read: sending it again changes nothing.")
    @APIResponse(responseCode = "200", description = "The scores found and what was not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreLookupResult.class)))
    @APIResponse(responseCode = "400", description = "More than " + MAX_LOOKUPS + " customers, or a malformed id or reference; "
            + "the violations name each")
    public ScoreLookupResult lookUp(@Valid @NotNull ScoreLookup lookup) {
        List<UUID> ids = lookup.customerIds() == null ? List.of() : lookup.customerIds().stream().distinct().toList();
        List<ExternalRef> refs = lookup.externalRefs() == null ? List.of() : lookup.externalRefs().stream().distinct().toList();
        if (ids.size() + refs.size() > MAX_LOOKUPS) {
            throw new BadQueryException("customerIds", "at most " + MAX_LOOKUPS + " customerIds and externalRefs together, not "
                    + (ids.size() + refs.size()));
        }
        Map<UUID, ScoreSummary> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            repository.summaries(ids).forEach(row -> found.put(row.customerId(), ScoreSummary.of(row)));
        }
        Set<String> knownRefs = new HashSet<>();
        if (!refs.isEmpty()) {
            Set<String> asked = refs.stream().map(ExternalRef::systemSlashId).collect(Collectors.toSet());
            for (ScoringRepository.ScoreSummary row : repository.summariesByExternalRefs(asked)) {
                found.putIfAbsent(row.customerId(), ScoreSummary.of(row));
                knownRefs.addAll(row.externalRefs());
            }
        }
        return new ScoreLookupResult(List.copyOf(found.values()), ids.stream().filter(id -> !found.containsKey(id)).toList(),
                refs.stream().filter(ref -> !knownRefs.contains(ref.systemSlashId())).toList());
    }

    @GET
    @Path("/score-changes")
    @Transactional
    @Operation(operationId = "listScoreChanges", summary = "The change feed of scores and designations",
            description = "What a CRM polls instead of reading every customer: the current score of each customer whose score, tier, "
                    + "designation or reach changed, in the order the changes were made, each customer once per change. Start with "
                    + "updatedSince (ISO 8601 instant; omitted: from the beginning), then follow nextCursor, which is always given: "
                    + "on the last page it is where to poll from next time. A change made while a page is read comes on a later page, "
                    + "never behind a cursor already handed out.")
    @APIResponse(responseCode = "200", description = "A page of changed scores",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreChangePage.class)))
    @APIResponse(responseCode = "400", description = "updatedSince is no ISO-8601 instant, limit is out of 1-500, or cursor is not "
            + "one this service gave")
    public ScoreChangePage changes(@QueryParam("updatedSince") String updatedSince, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        Instant since = StorableDates.instantParameter("updatedSince", updatedSince);
        ScoringRepository.FeedPosition after = decodeFeedPosition(cursor);
        ScoringRepository.ChangePage page = repository.changes(after, since, limit);
        List<ScoringRepository.ScoreSummary> rows = page.items();
        ScoringRepository.FeedPosition next;
        if (rows.size() == limit) {
            ScoringRepository.ScoreSummary last = rows.get(rows.size() - 1);
            next = new ScoringRepository.FeedPosition(last.changedIn(), last.customerId());
        } else {
            // everything of the finished transactions was handed out: go on after all of them
            next = new ScoringRepository.FeedPosition(page.settled() - 1, LAST_ID);
            if (after != null && after.changedIn() > next.changedIn()) {
                next = after;
            }
        }
        return new ScoreChangePage(rows.stream().map(ScoreSummary::of).toList(), encodeFeedPosition(next));
    }

    /** The lists' cursor tags (kept as first handed out: a CRM may store the feed's cursor between polls). */
    private static final String KEY_ACCOUNTS = "k1";
    private static final String FEED = "f1";
    private static final UUID LAST_ID = UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");

    private static String encodeFeedPosition(ScoringRepository.FeedPosition position) {
        return PageCursors.encode(FEED, new PageCursors.NumberAndId(position.changedIn(), position.customerId()));
    }

    private static ScoringRepository.FeedPosition decodeFeedPosition(String cursor) {
        PageCursors.NumberAndId position = PageCursors.decodeNumberAndId(FEED, cursor);
        return position == null ? null : new ScoringRepository.FeedPosition(position.number(), position.id());
    }
}
