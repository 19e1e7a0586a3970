package dev.kam.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a sales director reads after the demo: the programme in a page. */
final class Summary {

    private static final int TOP_KEY_ACCOUNTS = 12;
    private static final int MAX_NATIONAL_ACCOUNTS = 10;
    private static final int WATCH_LIST = 5;
    private static final Map<String, String> CRITERION_NAMES = Map.of("purchasePotential", "purchase potential",
            "buyingComplexity", "buying complexity", "partnershipOrientation", "partnership");

    private final PrintStream out;

    Summary(PrintStream out) {
        this.out = out;
    }

    void print(Collection<JsonNode> scores, List<JsonNode> keyAccounts, Map<String, JsonNode> profileById, List<JsonNode> teams,
               List<JsonNode> windingDown, JsonNode programme) {
        int scored = scores.size();
        List<JsonNode> national = keyAccounts.stream().filter(a -> a.path("designation").asText().equals("NATIONAL_ACCOUNT")).toList();
        List<JsonNode> key = keyAccounts.stream().filter(a -> a.path("designation").asText().equals("KEY_ACCOUNT")).toList();
        long global = national.stream().filter(a -> a.path("reach").asText().equals("GLOBAL")).count();
        long withinGermany = national.stream().filter(a -> a.path("countries").size() == 1).count();

        heading("The key-account programme");
        out.printf("%,d customers scored; %d key accounts (%.1f %%), %d of them national accounts (%d global, %d national, %d of those"
                        + " within one country)%n", scored, keyAccounts.size(), 100.0 * keyAccounts.size() / Math.max(1, scored), national.size(),
                global, national.size() - global, withinGermany);

        out.println("Scores: the weighted purchase potential, buying complexity and partnership orientation, 0 to 100; key account from 65");
        out.println("with a purchase potential of at least 1 M EUR; national when its sites lie in 3+ of our sales territories (Germany has");
        out.println("four), global over 2+ world areas or 4+ countries.");

        List<JsonNode> withinTerritories = national.stream().filter(a -> !a.path("reach").asText().equals("GLOBAL")).toList();
        List<JsonNode> globalAccounts = national.stream().filter(a -> a.path("reach").asText().equals("GLOBAL")).toList();
        heading("National accounts: dispersed over 3+ of our sales territories" + top(withinTerritories.size()));
        accounts(withinTerritories.stream().limit(MAX_NATIONAL_ACCOUNTS).toList(), profileById);
        heading("Global accounts: national accounts over 2+ world areas or 4+ countries" + top(globalAccounts.size()));
        accounts(globalAccounts.stream().limit(MAX_NATIONAL_ACCOUNTS).toList(), profileById);
        heading("Key accounts (top " + Math.min(TOP_KEY_ACCOUNTS, key.size()) + " of " + key.size() + ")");
        accounts(key.stream().limit(TOP_KEY_ACCOUNTS).toList(), profileById);

        heading("Watch list: closest to the promotion threshold");
        List<JsonNode> nearMisses = scores.stream().filter(score -> score.path("designation").asText().equals("NONE")
                        && !score.path("override").isObject())
                .sorted(Comparator.comparingDouble((JsonNode score) -> score.path("score").asDouble()).reversed()
                        .thenComparing(score -> score.path("customerId").asText()))
                .limit(WATCH_LIST).toList();
        for (JsonNode score : nearMisses) {
            JsonNode profile = profileById.get(score.path("customerId").asText());
            out.printf("  %5.1f  %-40s %s%n", score.path("score").asDouble(),
                    trim(profile == null ? score.path("customerId").asText() : profile.path("legalName").asText(), 40),
                    score.path("whatWouldChange").path(0).asText(""));
        }

        heading("Account teams");
        Map<String, Integer> byStatus = new TreeMap<>();
        teams.forEach(team -> byStatus.merge(team.path("status").asText(), 1, Integer::sum));
        out.printf("%d teams: %s%n", teams.size(), byStatus.isEmpty() ? "none" : String.join(", ",
                byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
        int members = teams.stream().mapToInt(team -> team.path("members").size()).sum();
        out.printf("%d people assigned across the teams (%.1f per team)%n", members, (double) members / Math.max(1, teams.size()));

        heading("Coverage gaps");
        Map<String, Integer> gaps = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        for (JsonNode team : teams) {
            for (JsonNode gap : team.path("coverageGaps")) {
                gaps.merge(gap(gap), 1, Integer::sum);
            }
            if (!team.path("coverageGaps").isEmpty() && examples.size() < 5) {
                JsonNode profile = profileById.get(team.path("customerId").asText());
                List<String> named = new ArrayList<>();
                team.path("coverageGaps").forEach(gap -> named.add(gap(gap)));
                examples.add(String.format("  %-44s lacks %s", profile == null ? team.path("customerId").asText() : trim(profile.path("legalName").asText(), 44),
                        String.join(", ", named)));
            }
        }
        long teamsWithGaps = teams.stream().filter(team -> !team.path("coverageGaps").isEmpty()).count();
        if (gaps.isEmpty()) {
            out.println("none: every team has its roles and covers its customer's sales territories and operating units");
        } else {
            out.printf("%d of %d teams have gaps; most frequent:%n", teamsWithGaps, teams.size());
            gaps.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                    .forEach(gap -> out.printf("  %-44s %d %s%n", gap.getKey(), gap.getValue(), gap.getValue() == 1 ? "team" : "teams"));
            long withoutManager = teams.stream().filter(team -> {
                for (JsonNode gap : team.path("coverageGaps")) {
                    if (gap.path("kind").asText().equals("ROLE") && gap.path("value").asText().equals("KEY_ACCOUNT_MANAGER")) {
                        return true;
                    }
                }
                return false;
            }).count();
            if (withoutManager > 0) {
                out.printf("%d teams wait for a key account manager: every manager is at capacity, and the best-scored accounts"
                        + " were staffed first. Hire, or raise a capacity (PUT /api/v1/staff/{id}), and apply their proposals again.%n", withoutManager);
            }
            out.println("for example:");
            examples.forEach(out::println);
        }

        heading("Wind-downs: back to transactional coverage");
        if (windingDown.isEmpty()) {
            out.println("none");
        }
        for (JsonNode team : windingDown) {
            JsonNode profile = profileById.get(team.path("customerId").asText());
            JsonNode handOver = team.path("windDown").path("handOver");
            out.printf("  %-40s handed to %s (%s) and their sales manager %s until %s%n",
                    trim(profile == null ? team.path("customerId").asText() : profile.path("legalName").asText(), 40),
                    handOver.path("fieldRepId").asText("nobody"), handOver.path("territory").asText("-"), handOver.path("salesManagerId").asText("-"),
                    team.path("windDown").path("until").asText("").replaceAll("T.*", ""));
        }

        heading("Programme health (Hise & Reid: the six conditions of key account management)");
        out.printf("%d open teams%n", programme.path("teams").asInt());
        boolean plansMissing = false;
        for (JsonNode condition : programme.path("conditions")) {
            out.printf("  %d. %-62s %4d met (%3.0f %%)%n", condition.path("number").asInt(), trim(condition.path("name").asText(), 62),
                    condition.path("met").asInt(), 100 * condition.path("share").asDouble());
            plansMissing |= (condition.path("number").asInt() == 3 || condition.path("number").asInt() == 4)
                    && condition.path("share").asDouble() < 1;
        }
        if (plansMissing) {
            out.println("  Conditions 3 and 4 need each team's account plan: its mission, goals and a communication line between sales");
            out.println("  and service in use (PUT /api/v1/teams/{customerId}/plan, by the team's key account manager or sales ops);");
            out.println("  condition 5 the agreement of each rep's regional sales manager (PUT .../members/{memberId}/coordination).");
        }
        JsonNode outcome = programme.path("supplierStatus");
        out.printf("Outcome (table 6.1: the goal of KAM is preferred-supplier status): %d of %d key accounts preferred or strategic (%.1f %%)%n",
                outcome.path("preferredOrStrategic").asInt(), outcome.path("keyAccounts").asInt(), 100 * outcome.path("share").asDouble());
        List<String> statuses = new ArrayList<>();
        outcome.path("byStatus").fields().forEachRemaining(status -> statuses.add(status.getKey() + " " + status.getValue().asInt()));
        out.printf("  by status: %s; %s%n", String.join(", ", statuses), outcome.path("shareBefore").isNumber()
                ? String.format("%d days ago %.1f %% (%s)", outcome.path("periodDays").asInt(), 100 * outcome.path("shareBefore").asDouble(),
                outcome.path("trend").asText())
                : "tracked from each designation on, no trend over " + outcome.path("periodDays").asInt() + " days yet");
        out.println();
        out.printf("Explore: scores and reasons  GET /api/v1/scores/{id} (scoring-service), teams  GET /api/v1/teams/{id}, "
                + "health  GET /api/v1/programme/health (team-coordination-service); Swagger UI on /q/swagger-ui of each service.%n");
    }

    private static String top(int of) {
        return of > MAX_NATIONAL_ACCOUNTS ? " (top " + MAX_NATIONAL_ACCOUNTS + " of " + of + ")" : "";
    }

    private void accounts(List<JsonNode> accounts, Map<String, JsonNode> profileById) {
        if (accounts.isEmpty()) {
            out.println("none");
            return;
        }
        out.printf("  %5s  %-40s %-18s %-8s %-34s %s%n", "score", "customer", "industry", "reach", "sales territories", "strongest criteria");
        for (JsonNode account : accounts) {
            JsonNode profile = profileById.get(account.path("customerId").asText());
            List<String> regions = new ArrayList<>();
            account.path("regions").forEach(region -> regions.add(region.asText()));
            out.printf("  %5.1f  %-40s %-18s %-8s %-34s %s%n", account.path("score").asDouble(),
                    trim(profile == null ? account.path("customerId").asText() : profile.path("legalName").asText(), 40),
                    trim(profile == null ? "" : profile.path("industry").asText(), 18), account.path("reach").asText(""),
                    trim(String.join(",", regions), 34), strongestCriteria(account));
        }
    }

    /** "role key account manager", "territory JAPAN", "unit Powertrain". */
    private static String gap(JsonNode gap) {
        String value = gap.path("value").asText();
        return switch (gap.path("kind").asText()) {
            case "ROLE" -> "role " + value.toLowerCase().replace('_', ' ');
            case "OPERATING_UNIT" -> "unit " + value;
            case "REGION" -> "territory " + value;
            default -> gap.path("kind").asText().toLowerCase().replace('_', ' ') + " " + value;
        };
    }

    /** The two criteria that contribute most to the score, e.g. "potential 92, partnership 88". */
    private static String strongestCriteria(JsonNode score) {
        List<Map.Entry<String, JsonNode>> criteria = new ArrayList<>();
        score.path("criteria").fields().forEachRemaining(criteria::add);
        return criteria.stream().filter(criterion -> criterion.getValue().path("score").isNumber())
                .sorted(Comparator.comparingDouble((Map.Entry<String, JsonNode> criterion) -> criterion.getValue().path("contribution").asDouble()).reversed())
                .limit(2).map(criterion -> CRITERION_NAMES.getOrDefault(criterion.getKey(), criterion.getKey()) + " "
                        + Math.round(criterion.getValue().path("score").asDouble()))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private void heading(String text) {
        out.println();
        out.println(text);
        out.println("-".repeat(text.length()));
    }

    private static String trim(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
