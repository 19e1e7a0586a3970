package dev.kam.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.client.PlatformApi;
import dev.kam.infrastructure.DevTokens;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./kam demo}: loads a seeded portfolio through the public REST API as a CRM would (NDJSON imports,
 * upserted by the CRM's ids, so a second run changes nothing), waits until every customer is scored and every
 * key account has its team, applies the staffing proposals (sales ops), and prints what a sales director
 * wants to know.
 *
 * <pre>
 * java dev.kam.demo.Demo --keys DIR --customer URL --scoring URL --team URL [--console URL] [--seed N] [--timeout SECONDS]
 * </pre>
 */
public final class Demo {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** Standard accounts scoring at least this much are candidates for the watch list (the revocation threshold). */
    private static final double WATCHED_FROM = 55;

    /** The regional sales manager who has not answered their reps' coordination yet: condition 5 shows what waits. */
    static final String MANAGER_AWAY = "SM-APAC";
    /** Who sets the override that sends one key account back to transactional coverage (the demo's wind-down). */
    static final String SALES_OPS = "demo-sales-ops";
    /** How many of the best-scored staffed teams the demo writes an account plan for. */
    private static final int PLANS = 10;

    private final PlatformApi customers;
    private final PlatformApi scoring;
    private final PlatformApi teams;
    private final PlatformApi teamsAsSalesOps;
    private final PlatformApi scoringAsSalesOps;
    private final Function<String, PlatformApi> teamsAsLineManager;
    private final PrintStream out;
    private final Duration timeout;

    Demo(PlatformApi customers, PlatformApi scoring, PlatformApi teams, PlatformApi teamsAsSalesOps, PlatformApi scoringAsSalesOps, Function<String, PlatformApi> teamsAsLineManager,
         PrintStream out, Duration timeout) {
        this.customers = customers;
        this.scoring = scoring;
        this.teams = teams;
        this.teamsAsSalesOps = teamsAsSalesOps;
        this.scoringAsSalesOps = scoringAsSalesOps;
        this.teamsAsLineManager = teamsAsLineManager;
        this.out = out;
        this.timeout = timeout;
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        Path keys = Path.of(require(options, "keys"));
        DevKeys devKeys = DevKeys.ensure(keys);
        String crm = DevTokens.sign(devKeys.privateKey(), "demo-crm-sync", List.of("crm-integration"), Duration.ofHours(1));
        String viewer = DevTokens.sign(devKeys.privateKey(), "demo-director", List.of("viewer"), Duration.ofHours(1));
        String salesOps = DevTokens.sign(devKeys.privateKey(), SALES_OPS, List.of("sales-ops"), Duration.ofHours(1));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        String teamUrl = require(options, "team");
        // a line manager answers for their own people: their token's subject is their employee id
        Function<String, PlatformApi> asLineManager = employeeId -> new PlatformApi(teamUrl,
                DevTokens.sign(devKeys.privateKey(), employeeId, List.of("line-manager"), Duration.ofHours(1)));
        Demo demo = new Demo(new PlatformApi(require(options, "customer"), crm), new PlatformApi(require(options, "scoring"), viewer),
                new PlatformApi(teamUrl, crm), new PlatformApi(teamUrl, salesOps), new PlatformApi(require(options, "scoring"), salesOps), asLineManager, System.out,
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "600"))));
        try {
            demo.run(Portfolio.generate(seed), new PlatformApi(require(options, "team"), viewer), new PlatformApi(require(options, "customer"), viewer));
            if (options.containsKey("console")) {
                System.out.printf("%nSee it in the console: %s (sign in as sales ops, a key account manager such as the lead of a team"
                        + " above, or an executive)%n", options.get("console"));
            }
        } catch (DemoException | PlatformApi.CallFailedException e) {
            System.err.println("kam demo: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    void run(Portfolio portfolio, PlatformApi teamsAsViewer, PlatformApi customersAsViewer) throws InterruptedException {
        long start = System.nanoTime();
        for (PlatformApi service : List.of(customers, scoring, teams)) {
            if (!service.ready()) {
                throw new DemoException(service.baseUrl() + " is not ready; start the platform with ./kam up");
            }
        }
        out.printf("KAM demo: portfolio seed %d, %,d customers and %,d staff%n", portfolio.seed(), portfolio.customers().size(),
                portfolio.staff().size());

        importStaff(portfolio);
        importCustomers(portfolio);
        Map<String, String> idByCrmId = customerIds(customersAsViewer);
        out.printf("waiting for scoring ...%n");
        Map<String, JsonNode> scores = awaitScores(idByCrmId.values());
        List<JsonNode> keyAccounts = keyAccounts(scores);
        out.printf("waiting for the teams of %d key accounts ...%n", keyAccounts.size());
        awaitTeams(keyAccounts);
        int staffed = applyStaffingProposals(keyAccounts);
        out.printf("staffing proposals applied to %d teams (best-scored accounts first)%n", staffed);
        out.printf("line managers agreed to the coordination of %d field reps (%s has not answered yet)%n",
                agreeCoordination(teamList(teamsAsViewer)), MANAGER_AWAY);
        out.printf("account plans written for %d teams%n", writePlans(keyAccounts, customersAsViewer));
        windDownOne(scores, keyAccounts, teamsAsViewer);
        keyAccounts = keyAccounts(scores);
        out.printf("ready in %.0f s%n%n", (System.nanoTime() - start) / 1e9);

        Map<String, JsonNode> profileById = new HashMap<>();
        for (JsonNode score : scores.values()) {
            if (!score.path("designation").asText().equals("NONE") || score.path("score").asDouble() >= WATCHED_FROM) {
                String id = score.path("customerId").asText();
                profileById.put(id, customersAsViewer.get("/api/v1/customers/" + id));
            }
        }
        for (JsonNode team : windingDown(teamsAsViewer)) {
            String id = team.path("customerId").asText();
            profileById.computeIfAbsent(id, key -> customersAsViewer.get("/api/v1/customers/" + key));
        }
        new Summary(out).print(scores.values(), keyAccounts, profileById, teamList(teamsAsViewer), windingDown(teamsAsViewer),
                teamsAsViewer.get("/api/v1/programme/health"));
    }

    /** The key and national accounts, best-scored first. */
    private static List<JsonNode> keyAccounts(Map<String, JsonNode> scores) {
        return scores.values().stream().filter(score -> !score.path("designation").asText().equals("NONE"))
                .sorted(Comparator.comparingDouble((JsonNode score) -> score.path("score").asDouble()).reversed()
                        .thenComparing(score -> score.path("customerId").asText()))
                .toList();
    }

    /**
     * Each regional sales manager agrees to the work of their reps on the account teams (Hise & Reid's fifth
     * condition), except one who has not answered yet.
     *
     * @return how many reps' coordination was agreed now
     */
    private int agreeCoordination(List<JsonNode> openTeams) {
        int agreed = 0;
        for (JsonNode team : openTeams) {
            for (JsonNode member : team.path("members")) {
                JsonNode coordination = member.path("coordination");
                String manager = coordination.path("lineManagerId").asText();
                if (coordination.path("stance").asText().equals("INFORMED") && !manager.equals(MANAGER_AWAY)) {
                    teamsAsLineManager.apply(manager).put("/api/v1/teams/" + team.path("customerId").asText() + "/members/"
                            + member.path("memberId").asText() + "/coordination", JSON.createObjectNode().put("stance", "AGREED"));
                    agreed++;
                }
            }
        }
        return agreed;
    }

    /**
     * Sales ops writes the account plan of the best-scored active teams that have none: a mission, a goal on our
     * supplier status (the programme's outcome) and a communication line between sales and service in use.
     */
    private int writePlans(List<JsonNode> keyAccounts, PlatformApi customersAsViewer) {
        int written = 0;
        int planned = 0;
        for (JsonNode account : keyAccounts) {
            if (planned == PLANS) {
                break;
            }
            String id = account.path("customerId").asText();
            JsonNode team = teams.get("/api/v1/teams/" + id);
            if (!team.path("status").asText().equals("ACTIVE")) {
                continue;
            }
            planned++;
            if (teams.find("/api/v1/teams/" + id + "/plan").isPresent()) {
                continue; // a second run finds the plans of the first
            }
            JsonNode profile = customersAsViewer.get("/api/v1/customers/" + id);
            String target = profile.path("supplierStatus").asText().equals("STRATEGIC") ? "STRATEGIC" : "PREFERRED";
            com.fasterxml.jackson.databind.node.ObjectNode plan = JSON.createObjectNode()
                    .put("mission", "Be " + profile.path("legalName").asText() + "'s " + target.toLowerCase(java.util.Locale.ROOT)
                            + " supplier in every territory it buys in");
            plan.putArray("goals").addObject().put("title", target.charAt(0) + target.substring(1).toLowerCase(java.util.Locale.ROOT)
                    + "-supplier status").put("metric", "supplierStatus").put("target", target).put("dueDate", "2027-12-31").put("status", "ON_TRACK");
            com.fasterxml.jackson.databind.node.ObjectNode line = plan.putArray("communication").addObject()
                    .put("between", "key account manager and service owner").put("channel", "weekly account call").put("cadence", "weekly")
                    .put("lastHeld", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2).toString());
            line.putArray("functions").add("SALES").add("SERVICE");
            teamsAsSalesOps.put("/api/v1/teams/" + id + "/plan", plan);
            written++;
        }
        return written;
    }

    /**
     * Sales ops sends one key account back to transactional coverage (a credit hold, by override): its team winds
     * down and hands the account to a rep of its territory and their sales manager. Once per platform: a second
     * run finds the override in force.
     */
    private void windDownOne(Map<String, JsonNode> scores, List<JsonNode> keyAccounts, PlatformApi teamsAsViewer) throws InterruptedException {
        boolean done = scores.values().stream().anyMatch(score -> score.path("override").path("by").asText().equals(SALES_OPS));
        if (done) {
            return;
        }
        List<JsonNode> lowestFirst = new ArrayList<>(keyAccounts);
        java.util.Collections.reverse(lowestFirst);
        Optional<JsonNode> chosen = lowestFirst.stream()
                .filter(account -> teams.get("/api/v1/teams/" + account.path("customerId").asText()).path("status").asText().equals("ACTIVE"))
                .findFirst();
        if (chosen.isEmpty()) {
            return;
        }
        String id = chosen.get().path("customerId").asText();
        scoringAsSalesOps.put("/api/v1/overrides/" + id, JSON.createObjectNode().put("tier", "STANDARD")
                .put("reason", "credit hold: back to transactional coverage").put("expiresAt", java.time.Instant.now().plus(Duration.ofDays(90)).toString()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!teamsAsViewer.get("/api/v1/teams/" + id).path("status").asText().equals("WINDING_DOWN")) {
            requireBefore(deadline, "the team of " + id + " does not wind down");
            Thread.sleep(500);
        }
        scores.put(id, scoring.get("/api/v1/scores/" + id));
        out.printf("one key account sent back to transactional coverage by sales ops; its team winds down%n");
    }

    private static List<JsonNode> windingDown(PlatformApi teamsAsViewer) {
        return teamsAsViewer.getAll("/api/v1/teams?status=WINDING_DOWN&limit=500");
    }

    private void importStaff(Portfolio portfolio) {
        String ndjson = portfolio.staff().stream().map(person -> person.line().toString()).collect(Collectors.joining("\n"));
        JsonNode report = teams.post("/api/v1/staff-imports", "application/x-ndjson", ndjson);
        requireNoRejections("staff", report);
        out.printf("staff        %d imported%n", report.path("accepted").asInt());
    }

    /** The whole CRM file as one import job, as a nightly sync submits it; its progress is followed until it is done. */
    private void importCustomers(Portfolio portfolio) throws InterruptedException {
        List<Portfolio.Customer> all = portfolio.customers();
        String ndjson = all.stream().map(customer -> customer.profile().toString()).collect(Collectors.joining("\n"));
        JsonNode job = customers.post("/api/v1/customer-import-jobs", "application/x-ndjson", ndjson, 202);
        String path = "/api/v1/customer-import-jobs/" + job.path("id").asText();
        while (!job.path("status").asText().equals("DONE")) {
            progress("customers", job.path("processed").asInt(), all.size());
            Thread.sleep(500);
            job = customers.get(path);
        }
        progress("customers", job.path("processed").asInt(), all.size());
        if (job.path("rejected").asInt() > 0) {
            throw new DemoException(job.path("rejected").asInt() + " customers rejected: "
                    + customers.get(path + "/lines?outcome=REJECTED&limit=20").path("items"));
        }
        out.printf("%ncustomers    %d created, %d updated, %d unchanged (import job %s)%n", job.path("created").asInt(),
                job.path("updated").asInt(), job.path("unchanged").asInt(), job.path("id").asText());
    }

    /** Every demo customer's platform id by its CRM id, read back page by page as a sync job would. */
    private Map<String, String> customerIds(PlatformApi customersAsViewer) {
        Map<String, String> ids = new LinkedHashMap<>();
        String cursor = null;
        do {
            JsonNode page = customersAsViewer.get("/api/v1/customers?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode customer : page.path("items")) {
                for (JsonNode ref : customer.path("externalRefs")) {
                    if (ref.path("system").asText().equals(Portfolio.CRM_SYSTEM)) {
                        ids.put(ref.path("id").asText(), customer.path("id").asText());
                    }
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    /** Polls the scores of the customers not scored yet until all are (events flow customer -> scoring). */
    private Map<String, JsonNode> awaitScores(Iterable<String> customerIds) throws InterruptedException {
        Map<String, JsonNode> scores = new HashMap<>();
        Set<String> waiting = new LinkedHashSet<>();
        customerIds.forEach(waiting::add);
        int total = waiting.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty()) {
            for (String id : List.copyOf(waiting)) { // in import order: the first not scored yet ends the pass
                Optional<JsonNode> score = scoring.find("/api/v1/scores/" + id);
                if (score.isEmpty()) {
                    break;
                }
                scores.put(id, score.get());
                waiting.remove(id);
            }
            progress("scored", total - waiting.size(), total);
            if (!waiting.isEmpty()) {
                requireBefore(deadline, waiting.size() + " customers are not scored yet");
                Thread.sleep(1000);
            }
        }
        out.println();
        return scores;
    }

    private void awaitTeams(List<JsonNode> keyAccounts) throws InterruptedException {
        Set<String> waiting = new HashSet<>();
        keyAccounts.forEach(account -> waiting.add(account.path("customerId").asText()));
        int total = waiting.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty()) {
            for (String id : List.copyOf(waiting)) {
                if (teams.find("/api/v1/teams/" + id).filter(team -> !team.path("status").asText().equals("DISSOLVED")).isPresent()) {
                    waiting.remove(id);
                }
            }
            progress("teams", total - waiting.size(), total);
            if (!waiting.isEmpty()) {
                requireBefore(deadline, waiting.size() + " key accounts have no team yet");
                Thread.sleep(1000);
            }
        }
        out.println();
    }

    /** Sales ops applies the staffing proposal of every team still forming; the best-scored accounts go first. */
    private int applyStaffingProposals(List<JsonNode> keyAccounts) {
        int applied = 0;
        for (JsonNode account : keyAccounts) {
            String id = account.path("customerId").asText();
            JsonNode team = teams.get("/api/v1/teams/" + id);
            if (team.path("status").asText().equals("FORMING")) {
                teamsAsSalesOps.post("/api/v1/teams/" + id + "/staffing-proposal?apply=true");
                applied++;
            }
        }
        return applied;
    }

    private static List<JsonNode> teamList(PlatformApi teamsAsViewer) {
        List<JsonNode> all = new ArrayList<>();
        for (String status : List.of("FORMING", "ACTIVE")) {
            all.addAll(teamsAsViewer.getAll("/api/v1/teams?status=" + status + "&limit=500"));
        }
        return all;
    }

    private void progress(String what, int done, int total) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        out.printf("\r%-12s [%s%s] %,d/%,d", what, "#".repeat(filled), ".".repeat(width - filled), done, total);
        out.flush();
    }

    private void requireBefore(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new DemoException("gave up after " + timeout.toSeconds() + " s: " + what + " (./kam status, ./kam logs NAME)");
        }
    }

    private static void requireNoRejections(String what, JsonNode report) {
        if (report.path("rejected").asInt() > 0) {
            throw new DemoException("the " + what + " import rejected lines: " + report.path("errors"));
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            System.err.println("usage: Demo --keys DIR --customer URL --scoring URL --team URL [--console URL] [--seed N] [--timeout SECONDS]");
            System.exit(2);
        }
        return value;
    }

    /** A failure of the demo itself (the platform not ready, a wait given up), reported in one line. */
    static final class DemoException extends RuntimeException {
        DemoException(String message) {
            super(message);
        }
    }
}
