package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.console.domain.AccountSummary;
import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.domain.ModelThresholds;
import dev.kam.console.domain.WatchedAccount;
import dev.kam.console.service.PlatformClient.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The portfolio as sales ops and executives look at it: the key accounts, the watch list and where all scores sit. */
@ApplicationScoped
public class PortfolioService {

    /** How many key accounts one page of the portfolio lists. */
    public static final int PAGE_SIZE = 50;
    /** How many of the closest standard accounts the watch list shows. */
    static final int WATCHED = 8;

    public enum Sort {
        SCORE, NAME, DESIGNATION;

        public static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return SCORE;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return SCORE;
            }
        }
    }

    /**
     * @param accounts  this page of the key accounts that pass the filter, in the order asked
     * @param matching  how many key accounts pass the filter
     * @param scores    every scored customer's current score, for the distribution
     * @param regions   the regions of all key accounts, for the region filter
     */
    public record Portfolio(List<AccountSummary> accounts, int matching, int page, int pages, int keyAccounts, int nationalAccounts,
                            List<Double> scores, List<WatchedAccount> watchList, ModelThresholds model, List<String> regions) {
    }

    private final PlatformClient platform;

    PortfolioService(PlatformClient platform) {
        this.platform = platform;
    }

    /**
     * @param search part of a legal name, any case; blank: every account
     */
    public Portfolio portfolio(ConsoleUser user, String designation, String region, String search, Sort sort, int page) {
        ModelThresholds model = activeModel(user);
        List<JsonNode> keyAccounts = allKeyAccounts(user);
        List<String> regions = keyAccounts.stream().flatMap(item -> Views.texts(item.path("regions")).stream()).distinct().sorted().toList();
        List<JsonNode> filtered = keyAccounts.stream()
                .filter(item -> designation == null || designation.isBlank() || item.path("designation").asText().equals(designation))
                .filter(item -> region == null || region.isBlank() || Views.texts(item.path("regions")).contains(region))
                .toList();
        boolean searching = search != null && !search.isBlank();
        // names are read from customer-service: for every filtered account when they decide the rows or their order,
        // else only for the page shown
        Map<String, String> names = searching || sort == Sort.NAME
                ? names(user, filtered.stream().map(item -> item.path("customerId").asText()).toList()) : Map.of();
        String needle = searching ? search.strip().toLowerCase(Locale.ROOT) : "";
        List<AccountSummary> matching = filtered.stream().map(item -> Views.keyAccount(item, names.get(item.path("customerId").asText())))
                .filter(account -> !searching || account.name() != null && account.name().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        Comparator<AccountSummary> byScore = Comparator.comparingDouble(AccountSummary::score).reversed();
        Comparator<AccountSummary> order = switch (sort) {
            case NAME -> Comparator.comparing((AccountSummary account) -> account.name() == null ? "" : account.name().toLowerCase(Locale.ROOT));
            case DESIGNATION -> Comparator.comparing(AccountSummary::designation).reversed().thenComparing(byScore); // national accounts first
            case SCORE -> byScore;
        };
        List<AccountSummary> sorted = matching.stream().sorted(order.thenComparing(AccountSummary::customerId)).toList();
        int pages = Math.max(1, (sorted.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.max(1, Math.min(page, pages));
        List<AccountSummary> pageItems = sorted.subList((shown - 1) * PAGE_SIZE, Math.min(sorted.size(), shown * PAGE_SIZE));
        if (names.isEmpty()) {
            Map<String, String> pageNames = names(user, pageItems.stream().map(AccountSummary::customerId).toList());
            pageItems = pageItems.stream().map(account -> account.named(pageNames.get(account.customerId()))).toList();
        }
        // the three criteria of each account shown, from its explained score
        List<JsonNode> explained = platform.findAll(user, Service.SCORING, pageItems.stream().map(account -> "/api/v1/scores/" + account.customerId()).toList());
        List<AccountSummary> shownAccounts = new ArrayList<>();
        for (int i = 0; i < pageItems.size(); i++) {
            shownAccounts.add(explained.get(i) == null ? pageItems.get(i) : pageItems.get(i).withCriteria(Views.score(explained.get(i)).criteria()));
        }
        pageItems = shownAccounts;
        Map<String, JsonNode> scores = currentScores(user);
        int national = (int) keyAccounts.stream().filter(item -> item.path("designation").asText().equals("NATIONAL_ACCOUNT")).count();
        return new Portfolio(pageItems, matching.size(), shown, pages, keyAccounts.size(), national,
                scores.values().stream().map(score -> score.path("score").asDouble()).toList(), watchList(user, scores, model), model, regions);
    }

    /** The active model's thresholds (a platform without one has not scored anything yet). */
    public ModelThresholds activeModel(ConsoleUser user) {
        for (JsonNode model : platform.get(user, Service.SCORING, "/api/v1/scoring-models")) {
            if (model.path("status").asText().equals("ACTIVE")) {
                JsonNode definition = model.path("definition");
                return new ModelThresholds(model.path("version").asInt(), definition.path("promotionThreshold").asDouble(),
                        definition.path("demotionThreshold").asDouble());
            }
        }
        throw new ServiceCallException(503, "No active scoring model", "scoring-service has no active model yet");
    }

    private List<JsonNode> allKeyAccounts(ConsoleUser user) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = platform.get(user, Service.SCORING, "/api/v1/key-accounts?limit=500" + (cursor == null ? "" : "&cursor=" + PlatformClient.query(cursor)));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** Every customer's current score: the change feed from its start holds each customer once, at its latest change. */
    private Map<String, JsonNode> currentScores(ConsoleUser user) {
        Map<String, JsonNode> scores = new LinkedHashMap<>();
        String cursor = null;
        while (true) {
            JsonNode page = platform.get(user, Service.SCORING, "/api/v1/score-changes?limit=500" + (cursor == null ? "" : "&cursor=" + PlatformClient.query(cursor)));
            page.path("items").forEach(item -> scores.put(item.path("customerId").asText(), item));
            if (page.path("items").isEmpty()) {
                return scores; // the cursor is always given; an empty page is the end of the feed
            }
            cursor = page.path("nextCursor").asText();
        }
    }

    private List<WatchedAccount> watchList(ConsoleUser user, Map<String, JsonNode> scores, ModelThresholds model) {
        List<JsonNode> closest = scores.values().stream()
                .filter(score -> score.path("designation").asText().equals("NONE") && score.path("score").asDouble() < model.promotion())
                .sorted(Comparator.comparingDouble((JsonNode score) -> score.path("score").asDouble()).reversed()
                        .thenComparing(score -> score.path("customerId").asText()))
                .limit(WATCHED).toList();
        List<String> ids = closest.stream().map(score -> score.path("customerId").asText()).toList();
        Map<String, String> names = names(user, ids);
        List<JsonNode> explanations = platform.findAll(user, Service.SCORING, ids.stream().map(id -> "/api/v1/scores/" + id).toList());
        List<WatchedAccount> watched = new ArrayList<>();
        for (int i = 0; i < closest.size(); i++) {
            double score = closest.get(i).path("score").asDouble();
            JsonNode explanation = explanations.get(i);
            watched.add(new WatchedAccount(ids.get(i), names.get(ids.get(i)), score, Math.round((model.promotion() - score) * 10) / 10.0,
                    explanation == null ? List.of() : Views.texts(explanation.path("whatWouldChange"))));
        }
        return watched;
    }

    /** The legal names of the customers asked for, read side by side; an unknown one keeps its id. */
    Map<String, String> names(ConsoleUser user, List<String> customerIds) {
        List<JsonNode> profiles = platform.findAll(user, Service.CUSTOMER, customerIds.stream().map(id -> "/api/v1/customers/" + id).toList());
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < customerIds.size(); i++) {
            JsonNode profile = profiles.get(i);
            names.put(customerIds.get(i), profile == null ? customerIds.get(i) : profile.path("legalName").asText(customerIds.get(i)));
        }
        return names;
    }
}
