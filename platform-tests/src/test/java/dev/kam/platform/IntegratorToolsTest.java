package dev.kam.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.client.customer.api.CustomersApi;
import dev.kam.client.customer.model.CustomerPage;
import dev.kam.client.customer.model.CustomerRequest;
import dev.kam.client.customer.model.CustomerSnapshot;
import dev.kam.client.customer.model.ExternalRefRequest;
import dev.kam.client.customer.model.JobView;
import dev.kam.client.customer.model.LineOutcome;
import dev.kam.client.scoring.api.ScoresApi;
import dev.kam.client.scoring.api.ScoringModelsApi;
import dev.kam.client.scoring.model.Designation;
import dev.kam.client.scoring.model.ExternalRef;
import dev.kam.client.scoring.model.ScoreLookup;
import dev.kam.client.scoring.model.ScoreLookupResult;
import dev.kam.client.scoring.model.ModelRequest;
import dev.kam.client.scoring.model.ModelView;
import dev.kam.client.scoring.model.OverrideRequest;
import dev.kam.client.scoring.model.ScoreView;
import dev.kam.client.scoring.model.Tier;
import dev.kam.client.scoring.model.TierOverride;
import dev.kam.client.team.api.StaffApi;
import dev.kam.client.team.api.TeamsApi;
import dev.kam.client.team.model.AssignmentRequest;
import dev.kam.client.team.model.MemberView;
import dev.kam.client.team.model.StaffFunction;
import dev.kam.client.team.model.StaffRequest;
import dev.kam.client.team.model.TeamRole;
import dev.kam.client.team.model.TeamView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The platform read with the tools integrators use, none of them written here: clients that openapi-generator made
 * from each service's OpenAPI document (Java, and TypeScript compiled by tsc) drive a round trip against the running
 * services; Spectral lints the documents the services serve; the AsyncAPI parser reads the event contract from the
 * repository and from every service; Ajv compiles every event schema in strict mode. The generated clients come from
 * the documents stored at build time, and the first test proves those are the documents the services serve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegratorToolsTest {

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    private static final Map<String, String> PORTS = Map.of(
            "customer-service", "KAM_CUSTOMER_PORT",
            "scoring-service", "KAM_SCORING_PORT",
            "team-coordination-service", "KAM_TEAM_PORT");
    private static final Path CONTRACT_FOLDER = Path.of("event-contracts/src/main/resources/schemas");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private KamCommand kam;
    private String crmToken;
    private String salesOpsToken;

    @BeforeAll
    void up(@TempDir Path home) throws Exception {
        kam = new KamCommand(home);
        KamCommand.Result up = kam.run(Duration.ofMinutes(5), "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        crmToken = kam.run(Duration.ofMinutes(1), "token", "crm-integration").output().strip();
        salesOpsToken = kam.run(Duration.ofMinutes(1), "token", "sales-ops").output().strip();
    }

    @AfterAll
    void down() throws Exception {
        if (kam != null) {
            KamCommand.Result down = kam.run(Duration.ofMinutes(2), "down");
            assertThat(down.exitCode()).as(down.output()).isZero();
        }
    }

    @Test
    void theClientsAreGeneratedFromTheDocumentsTheServicesServe() throws Exception {
        for (String service : PORTS.keySet()) {
            JsonNode served = json.readTree(get(service, "/q/openapi?format=json"));
            JsonNode stored = json.readTree(kam.root.resolve(service).resolve("target/openapi/openapi.json").toFile());
            assertThat(served).as(service + ": the live document is the one the clients were generated from").isEqualTo(stored);
        }
    }

    @Test
    void spectralFindsNoErrorInAnyServedDocument(@TempDir Path documents) throws Exception {
        for (String service : PORTS.keySet()) {
            Path document = documents.resolve(service + ".json");
            Files.writeString(document, get(service, "/q/openapi?format=json"));
            NodeTool.Result lint = NodeTool.bin("spectral", TOOL_TIMEOUT, "lint", "--ruleset", "src/test/node/spectral.yaml",
                    "--format", "json", "--fail-severity", "error", "--quiet", document.toString());
            JsonNode findings = json.readTree(lint.output().substring(lint.output().indexOf('[')));
            List<String> unexpected = new ArrayList<>();
            for (JsonNode finding : findings) {
                boolean rolesInBearerRequirement = finding.path("code").asText().equals("oas3-operation-security-defined")
                        && finding.path("message").asText().endsWith("must be listed among scopes.");
                if (!rolesInBearerRequirement) {
                    unexpected.add(finding.path("code").asText() + " at " + finding.path("path") + ": " + finding.path("message").asText());
                }
            }
            assertThat(unexpected).as(service + ": " + lint.output()).isEmpty();
            assertThat(lint.exitCode()).as(service + ": " + lint.output()).isZero();
        }
    }

    @Test
    void theAsyncApiParserReadsTheEventContractFromTheRepositoryAndFromEveryService() throws Exception {
        Path script = NodeTool.MODULE.resolve("src/test/node/asyncapi-check.mjs");
        List<String> sources = new ArrayList<>(List.of(kam.root.resolve(CONTRACT_FOLDER).resolve("asyncapi.yaml").toString()));
        PORTS.values().forEach(port -> sources.add("http://localhost:" + kam.port(port) + "/schemas/asyncapi.yaml"));
        for (String source : sources) {
            NodeTool.Result parsed = NodeTool.node(script, Map.of(), TOOL_TIMEOUT, source);
            assertThat(parsed.exitCode()).as(source + ":\n" + parsed.output()).isZero();
            assertThat(parsed.output()).as(source).contains("valid: 19 messages on 5 channels").doesNotContain("error ", "warning ");
        }
    }

    @Test
    void ajvCompilesEveryEventSchemaInStrictModeAndEveryExampleFitsIt() throws Exception {
        NodeTool.Result checked = NodeTool.node(NodeTool.MODULE.resolve("src/test/node/schema-check.mjs"), Map.of(), TOOL_TIMEOUT,
                kam.root.resolve(CONTRACT_FOLDER).toString());
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output().lines().filter(line -> line.endsWith(": strict, example valid"))).hasSize(19);
    }

    @Test
    void theGeneratedTypeScriptClientsCompileAndDriveARoundTrip() throws Exception {
        NodeTool.Result compiled = NodeTool.bin("tsc", TOOL_TIMEOUT, "-p", "tsconfig.json");
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();
        NodeTool.Result roundTrip = NodeTool.node(NodeTool.MODULE.resolve("target/typescript/src/test/typescript/roundtrip.js"),
                Map.of("KAM_RUN_ID", "ts-" + run, "KAM_CRM_TOKEN", crmToken, "KAM_SALES_OPS_TOKEN", salesOpsToken,
                        "KAM_CUSTOMER_URL", base("customer-service"), "KAM_SCORING_URL", base("scoring-service"),
                        "KAM_TEAM_URL", base("team-coordination-service")),
                TOOL_TIMEOUT);
        assertThat(roundTrip.exitCode()).as(roundTrip.output()).isZero();
        assertThat(roundTrip.output()).contains("ok: the problem names headquartersCountry", "ok: getScore reads the customer's score",
                "ok: the problem names capacity", "round trip complete");
    }

    @Test
    void theGeneratedJavaClientsDriveARoundTripThroughEveryService() throws Exception {
        // customer-service: create, upsert by the CRM's id (201, then 200), read, list, a 400 and a 412
        CustomersApi customers = new CustomersApi(customerClient(crmToken));
        CustomerSnapshot created = customers.createCustomer(new CustomerRequest().legalName("Java Client " + run + " GmbH")
                .headquartersCountry("DE").addExternalRefsItem(new ExternalRefRequest().system("java-client").id("created-" + run)),
                "java-create-" + run);
        assertThat(created.getId()).isNotNull();
        assertThat(created.getCreatedAt()).isInstanceOf(OffsetDateTime.class);

        CustomerRequest strategic = customerClient(crmToken).getObjectMapper().readValue(KamUpAndDownTest.STRATEGIC_CUSTOMER, CustomerRequest.class);
        var registered = customers.upsertCustomerByExternalRefWithHttpInfo("national-" + run, "java-client", strategic, null);
        assertThat(registered.getStatusCode()).isEqualTo(201);
        UUID national = registered.getData().getId();
        var replaced = customers.upsertCustomerByExternalRefWithHttpInfo("national-" + run, "java-client",
                strategic.relationshipSince(LocalDate.of(2010, 1, 1)), null);
        assertThat(replaced.getStatusCode()).isEqualTo(200);
        assertThat(replaced.getData().getId()).isEqualTo(national);
        assertThat(replaced.getData().getRelationshipSince()).isEqualTo(LocalDate.of(2010, 1, 1));

        assertThat(customers.getCustomer(national).getLegalName()).isEqualTo("Atlas Global Manufacturing");
        CustomerPage page = customers.listCustomers("DE", null, null, null, 500, "Java Client " + run, null);
        assertThat(page.getItems()).extracting(CustomerSnapshot::getId).containsExactly(created.getId());

        JsonNode badCountry = problem(400, () -> customers.createCustomer(new CustomerRequest().legalName("Nowhere Ltd")
                .headquartersCountry("Germany"), null));
        assertThat(badCountry.at("/violations/0/field").asText()).isEqualTo("headquartersCountry");
        JsonNode stale = problem(412, () -> customers.replaceCustomer(created.getId(),
                new CustomerRequest().legalName("Java Client " + run + " GmbH"), "\"some-other-tag\""));
        assertThat(stale.path("status").asInt()).isEqualTo(412);

        // a file as an import job: 202 with the job, progress until DONE, the outcome of each line
        String file = "{\"legalName\":\"Job A " + run + "\",\"externalRefs\":[{\"system\":\"java-client\",\"id\":\"job-a-" + run + "\"}]}\n"
                + "{\"legalName\":\"Job B " + run + "\",\"headquartersCountry\":\"Germany\",\"externalRefs\":[{\"system\":\"java-client\",\"id\":\"job-b-" + run + "\"}]}\n";
        JobView job = customers.submitCustomerImportJob(file, "java-job-" + run);
        assertThat(customers.submitCustomerImportJob(file, "java-job-" + run).getId()).as("a retry under the same key is the same job")
                .isEqualTo(job.getId());
        for (int attempt = 0; attempt < 120 && !"DONE".equals(job.getStatus()); attempt++) {
            Thread.sleep(500);
            job = customers.getCustomerImportJob(job.getId());
        }
        assertThat(job.getStatus()).isEqualTo("DONE");
        assertThat(job.getCreated()).isEqualTo(1);
        assertThat(job.getRejected()).isEqualTo(1);
        assertThat(customers.listCustomerImportJobLines(job.getId(), null, 100, LineOutcome.REJECTED).getItems())
                .singleElement().satisfies(line -> assertThat(line.getLine()).isEqualTo(2));

        // scoring-service: read the national account's score, list key accounts, create a draft model, upsert an override, a 400 and a 404
        ScoresApi scores = new ScoresApi(scoringClient(salesOpsToken));
        ScoreView score = eventually(() -> scores.getScore(national));
        assertThat(score.getDesignation()).isEqualTo(Designation.NATIONAL_ACCOUNT);
        assertThat(scores.listKeyAccounts(null, Designation.NATIONAL_ACCOUNT, 500, null, null).getItems())
                .anySatisfy(account -> assertThat(account.getCustomerId()).isEqualTo(national));
        ScoringModelsApi models = new ScoringModelsApi(scoringClient(salesOpsToken));
        ModelView active = models.listScoringModels().stream().filter(model -> "ACTIVE".equals(String.valueOf(model.getStatus())))
                .findFirst().orElseThrow();
        ModelView draft = models.createScoringModel(new ModelRequest().description("draft " + run).definition(active.getDefinition()), "java-draft-" + run);
        assertThat(draft.getVersion()).isGreaterThan(active.getVersion());
        assertThat(String.valueOf(draft.getStatus())).isEqualTo("DRAFT");
        TierOverride override = scores.setOverride(created.getId(), new OverrideRequest().tier(Tier.KEY_ACCOUNT)
                .reason("Java client round trip").expiresAt(OffsetDateTime.now().plusDays(7)));
        assertThat(override.getTier()).isEqualTo(Tier.KEY_ACCOUNT);
        scores.removeOverride(created.getId());
        JsonNode tooLong = problem(400, () -> scores.setOverride(created.getId(), new OverrideRequest().tier(Tier.KEY_ACCOUNT)
                .reason("too long").expiresAt(OffsetDateTime.now().plusYears(2))));
        assertThat(tooLong.path("detail").asText() + tooLong.path("violations")).contains("expiresAt");
        problem(404, () -> scores.getScore(UUID.randomUUID()));
        ScoreLookupResult looked = scores.lookUpScores(new ScoreLookup().addCustomerIdsItem(national)
                .addExternalRefsItem(new ExternalRef().system("java-client").id("created-" + run))
                .addExternalRefsItem(new ExternalRef().system("java-client").id("nobody-" + run)));
        assertThat(looked.getItems()).extracting(item -> item.getCustomerId()).containsExactlyInAnyOrder(national, created.getId());
        assertThat(looked.getUnknownExternalRefs()).extracting(ExternalRef::getId).containsExactly("nobody-" + run);
        assertThat(scores.listScoreChanges(null, 10, OffsetDateTime.now().minusHours(1).toString()).getNextCursor()).isNotBlank();

        // team-coordination-service: upsert staff, list them, read the national account's team, assign its key account manager, a 409
        StaffApi staff = new StaffApi(teamClient(crmToken));
        for (String manager : List.of("kam-a-" + run, "kam-b-" + run)) {
            staff.putStaffMember(manager, new StaffRequest().name(manager).function(StaffFunction.KEY_ACCOUNT_MANAGER)
                    .regions(Set.of("DE-SOUTH")).capacity(3));
        }
        assertThat(staff.listStaff(null, StaffFunction.KEY_ACCOUNT_MANAGER, 500, "DE-SOUTH").getItems()).extracting(member -> member.getEmployeeId())
                .contains("kam-a-" + run, "kam-b-" + run);
        TeamsApi teams = new TeamsApi(teamClient(salesOpsToken));
        TeamView team = eventually(() -> teams.getTeam(national));
        assertThat(String.valueOf(team.getStatus())).isEqualTo("FORMING");
        MemberView lead = teams.assignTeamMember(national, new AssignmentRequest().employeeId("kam-a-" + run).role(TeamRole.KEY_ACCOUNT_MANAGER));
        assertThat(lead.getRole()).isEqualTo(TeamRole.KEY_ACCOUNT_MANAGER);
        JsonNode second = problem(409, () -> teams.assignTeamMember(national,
                new AssignmentRequest().employeeId("kam-b-" + run).role(TeamRole.KEY_ACCOUNT_MANAGER)));
        assertThat(second.path("detail").asText()).isNotBlank();
        JsonNode badCapacity = problem(400, () -> staff.putStaffMember("bad-" + run,
                new StaffRequest().name("Bad Capacity").function(StaffFunction.SERVICE).capacity(-1)));
        assertThat(badCapacity.at("/violations/0/field").asText()).isEqualTo("capacity");
    }

    private dev.kam.client.customer.ApiClient customerClient(String token) {
        dev.kam.client.customer.ApiClient client = new dev.kam.client.customer.ApiClient();
        client.updateBaseUri(base("customer-service"));
        client.setRequestInterceptor(bearer(token));
        return client;
    }

    private dev.kam.client.scoring.ApiClient scoringClient(String token) {
        dev.kam.client.scoring.ApiClient client = new dev.kam.client.scoring.ApiClient();
        client.updateBaseUri(base("scoring-service"));
        client.setRequestInterceptor(bearer(token));
        return client;
    }

    private dev.kam.client.team.ApiClient teamClient(String token) {
        dev.kam.client.team.ApiClient client = new dev.kam.client.team.ApiClient();
        client.updateBaseUri(base("team-coordination-service"));
        client.setRequestInterceptor(bearer(token));
        return client;
    }

    private static Consumer<HttpRequest.Builder> bearer(String token) {
        return request -> request.header("Authorization", "Bearer " + token);
    }

    /** The problem+json body of a generated client's call that must fail with {@code status}. */
    private JsonNode problem(int status, ThrowingCall call) throws Exception {
        Exception failure = catchThrowableOfType(Exception.class, call::run);
        int code;
        String body;
        if (failure instanceof dev.kam.client.customer.ApiException answer) {
            code = answer.getCode();
            body = answer.getResponseBody();
        } else if (failure instanceof dev.kam.client.scoring.ApiException answer) {
            code = answer.getCode();
            body = answer.getResponseBody();
        } else if (failure instanceof dev.kam.client.team.ApiException answer) {
            code = answer.getCode();
            body = answer.getResponseBody();
        } else {
            throw new AssertionError("expected an answer with status " + status, failure);
        }
        assertThat(code).as(body).isEqualTo(status);
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    /** Waits for what the services derive from events (a score, a team), as an integrator's client would poll. */
    private static <T> T eventually(Callable<T> read) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                return read.call();
            } catch (Exception e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw last;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private String base(String service) {
        return "http://localhost:" + kam.port(PORTS.get(service));
    }

    private String get(String service, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base(service) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(service + path).isEqualTo(200);
        return answer.body();
    }
}
