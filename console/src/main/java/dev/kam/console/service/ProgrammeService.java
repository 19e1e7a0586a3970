package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.domain.Programme;
import dev.kam.console.domain.Team;
import dev.kam.console.service.PlatformClient.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The programme page's figures, from team-coordination-service (and customer names from customer-service). */
@ApplicationScoped
public class ProgrammeService {

    /** The team list's largest page: a status with more teams shows as "500+". */
    static final int TEAM_PAGE = 500;
    /** How many teams with open gaps the page lists (fewest gaps first: the closest to complete). */
    static final int GAP_ROWS = 25;
    private static final List<String> STATUSES = List.of("FORMING", "ACTIVE", "WINDING_DOWN");

    private final PlatformClient platform;
    private final PortfolioService portfolio;

    ProgrammeService(PlatformClient platform, PortfolioService portfolio) {
        this.platform = platform;
        this.portfolio = portfolio;
    }

    public Programme programme(ConsoleUser user) {
        JsonNode health = platform.get(user, Service.TEAM, "/api/v1/programme/health");
        List<Programme.ConditionShare> scorecard = Views.list(health.path("conditions"), condition -> new Programme.ConditionShare(
                condition.path("number").asInt(), condition.path("name").asText(), condition.path("met").asInt(), condition.path("share").asDouble()));
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        Map<String, Integer> load = new HashMap<>();
        List<Team> open = new ArrayList<>();
        boolean capped = false;
        for (String status : STATUSES) {
            JsonNode teams = platform.get(user, Service.TEAM, "/api/v1/teams?status=" + status + "&limit=" + TEAM_PAGE).path("items");
            byStatus.put(status, teams.size());
            capped |= teams.size() == TEAM_PAGE;
            for (JsonNode node : teams) {
                Team team = Views.team(node);
                team.members().forEach(member -> load.merge(member.employeeId(), 1, Integer::sum));
                if (!team.coverageGaps().isEmpty() && !status.equals("WINDING_DOWN")) {
                    open.add(team);
                }
            }
        }
        List<Team> shownGaps = open.stream().sorted(Comparator.comparingInt((Team team) -> team.coverageGaps().size()).thenComparing(Team::customerId))
                .limit(GAP_ROWS).toList();
        Map<String, String> names = portfolio.names(user, shownGaps.stream().map(Team::customerId).toList());
        List<Programme.TeamGaps> gaps = shownGaps.stream().map(team -> new Programme.TeamGaps(team.customerId(), names.get(team.customerId()),
                team.status(), team.coverageGaps().stream().map(Team.Gap::label).toList())).toList();
        List<Programme.StaffLoad> staff = Views.list(allStaff(user), person -> new Programme.StaffLoad(
                person.path("employeeId").asText(), person.path("name").asText(), person.path("function").asText().toLowerCase(Locale.ROOT).replace('_', ' '),
                load.getOrDefault(person.path("employeeId").asText(), 0), person.path("capacity").asInt()));
        staff = staff.stream().sorted(Comparator.comparingDouble((Programme.StaffLoad person) -> person.capacity() == 0 ? person.load() : (double) person.load() / person.capacity())
                .reversed().thenComparing(Programme.StaffLoad::employeeId)).toList();
        JsonNode outcome = health.path("supplierStatus");
        String share = outcome.isObject() ? outcome.path("preferredOrStrategic").asInt() + " of " + outcome.path("keyAccounts").asInt()
                + " key accounts name us a preferred or strategic supplier" : "";
        return new Programme(health.path("teams").asInt(), scorecard, byStatus, capped, gaps, staff, share);
    }

    /** The staff directory, page by page (a supplier's directory: hundreds, a few thousand at most). */
    private JsonNode allStaff(ConsoleUser user) {
        com.fasterxml.jackson.databind.node.ArrayNode all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        String cursor = null;
        do {
            JsonNode page = platform.get(user, Service.TEAM, "/api/v1/staff?limit=500"
                    + (cursor == null ? "" : "&cursor=" + PlatformClient.query(cursor)));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }
}
