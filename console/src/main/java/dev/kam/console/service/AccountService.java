package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.console.domain.AccountPlan;
import dev.kam.console.domain.Condition;
import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.domain.HistoryPoint;
import dev.kam.console.domain.ModelThresholds;
import dev.kam.console.domain.Profile;
import dev.kam.console.domain.RelationshipMap;
import dev.kam.console.domain.Score;
import dev.kam.console.domain.StaffingProposal;
import dev.kam.console.domain.Team;
import dev.kam.console.service.PlatformClient.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One account as its page shows it, read from all three services with the user's token, and the changes made there. */
@ApplicationScoped
public class AccountService {

    /**
     * @param score    null while the customer is not scored yet
     * @param team     the account team, while it has one
     * @param staffing the proposal for what a forming team lacks, when the user may see it (sales ops, its key account manager)
     * @param plan     the account plan, once one is written
     */
    public record Account(Profile profile, Score score, List<HistoryPoint> history, ModelThresholds model, Team team,
                          StaffingProposal staffing, AccountPlan plan, RelationshipMap relationships, List<Condition> conditions) {
    }

    /** The team's part of the account page, which the live feed renders again when the team changes. */
    public record TeamSection(String customerId, Team team, StaffingProposal staffing, List<Condition> conditions) {
    }

    private final PlatformClient platform;
    private final PortfolioService portfolio;
    private final ObjectMapper json;

    AccountService(PlatformClient platform, PortfolioService portfolio, ObjectMapper json) {
        this.platform = platform;
        this.portfolio = portfolio;
        this.json = json;
    }

    public Account account(ConsoleUser user, String customerId, String asOf) {
        String id = PlatformClient.query(customerId);
        Profile profile = profile(platform.get(user, Service.CUSTOMER, "/api/v1/customers/" + id));
        Optional<JsonNode> score = platform.find(user, Service.SCORING, "/api/v1/scores/" + id);
        List<HistoryPoint> history = score.isEmpty() ? List.of()
                : Views.history(platform.get(user, Service.SCORING, "/api/v1/scores/" + id + "/history"
                        + (asOf == null || asOf.isBlank() ? "" : "?asOf=" + PlatformClient.query(instant(asOf)))));
        TeamSection section = teamSection(user, customerId);
        Team team = section.team();
        AccountPlan plan = team == null ? null : platform.find(user, Service.TEAM, "/api/v1/teams/" + id + "/plan").map(Views::plan).orElse(null);
        RelationshipMap relationships = team == null ? null : Views.relationships(platform.get(user, Service.TEAM, "/api/v1/teams/" + id + "/relationships"));
        return new Account(profile, score.map(Views::score).orElse(null), history, portfolio.activeModel(user), team, section.staffing(), plan,
                relationships, section.conditions());
    }

    public TeamSection teamSection(ConsoleUser user, String customerId) {
        String id = PlatformClient.query(customerId);
        Team team = platform.find(user, Service.TEAM, "/api/v1/teams/" + id).map(Views::team).orElse(null);
        if (team == null) {
            return new TeamSection(customerId, null, null, List.of());
        }
        StaffingProposal staffing = null;
        if (team.forming() && (user.isSalesOps() || user.subject().equals(team.keyAccountManager()))) {
            staffing = Views.staffing(platform.post(user, Service.TEAM, "/api/v1/teams/" + id + "/staffing-proposal?apply=false", null));
        }
        List<Condition> conditions = Views.conditions(platform.get(user, Service.TEAM, "/api/v1/teams/" + id + "/health"));
        return new TeamSection(customerId, team, staffing, conditions);
    }

    /** Sales ops assign the people proposed; the team's events then tell every open page. */
    public void applyStaffing(ConsoleUser user, String customerId) {
        platform.post(user, Service.TEAM, "/api/v1/teams/" + PlatformClient.query(customerId) + "/staffing-proposal?apply=true", null);
    }

    /** Sales ops force the tier, with a reason, until a day (an ISO date, at the end of which it lapses; scoring requires one). */
    public void setOverride(ConsoleUser user, String customerId, String tier, String reason, String expiresOn) {
        if (expiresOn == null || expiresOn.isBlank()) {
            throw new ServiceCallException(400, "Override without an end", "give the day the override ends: an override runs at most 366 days");
        }
        ObjectNode override = json.createObjectNode().put("tier", tier).put("reason", reason).put("expiresAt", expiresOn.strip() + "T23:59:59Z");
        platform.put(user, Service.SCORING, "/api/v1/overrides/" + PlatformClient.query(customerId), override);
    }

    public void liftOverride(ConsoleUser user, String customerId) {
        platform.delete(user, Service.SCORING, "/api/v1/overrides/" + PlatformClient.query(customerId));
    }

    /** A new mission; the plan's goals and communication lines are sent back as they are. */
    public void setMission(ConsoleUser user, String customerId, String mission) {
        String path = "/api/v1/teams/" + PlatformClient.query(customerId) + "/plan";
        ObjectNode plan = json.createObjectNode().put("mission", mission);
        platform.find(user, Service.TEAM, path).ifPresent(current -> {
            plan.set("goals", withoutEvaluations(current.path("goals")));
            plan.set("communication", current.path("communication"));
        });
        platform.put(user, Service.TEAM, path, plan);
    }

    /** The goals as the plan takes them: the service adds each supplier-status goal's evaluation when it answers. */
    private JsonNode withoutEvaluations(JsonNode goals) {
        var copy = json.createArrayNode();
        goals.forEach(goal -> copy.add(((ObjectNode) goal.deepCopy()).without("evaluation")));
        return copy;
    }

    /** A date and time from the page's picker (minutes, UTC) as the instant scoring takes; anything else as given. */
    static String instant(String asOf) {
        String value = asOf.strip();
        if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return value + ":00Z";
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return value + "T23:59:59Z";
        }
        return value;
    }

    private static Profile profile(JsonNode customer) {
        List<String> locations = new ArrayList<>();
        customer.path("locations").forEach(location -> locations.add(String.join(", ", List.of(location.path("city").asText(""),
                location.path("region").asText(""), location.path("country").asText("")).stream().filter(part -> !part.isBlank()).toList())));
        List<String> units = new ArrayList<>();
        customer.path("operatingUnits").forEach(unit -> units.add(unit.isTextual() ? unit.asText() : unit.path("name").asText()));
        JsonNode potential = customer.path("annualPurchasePotential");
        String potentialText = potential.isObject()
                ? NumberFormat.getIntegerInstance(Locale.ENGLISH).format(new BigDecimal(potential.path("amount").asText("0"))) + " "
                  + potential.path("currency").asText()
                : "unknown";
        return new Profile(customer.path("id").asText(), customer.path("legalName").asText(), customer.path("industry").asText("unknown"),
                customer.path("headquartersCountry").asText(""), potentialText, customer.path("supplierStatus").asText("NONE"),
                customer.path("relationshipSince").asText(""), locations, units, customer.path("buyingCenter").size(),
                customer.path("archived").asBoolean());
    }
}
