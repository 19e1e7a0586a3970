package dev.kam.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's path: {@code ./kam up} brings the packaged platform up on real Kafka and PostgreSQL, a
 * viewer token from {@code ./kam token} is answered by every service, {@code ./kam down} stops all of it. The servers
 * here are the enterprise kind, which the services reach by configuration alone: a broker that takes only TLS with
 * SCRAM logins ({@code KAM_KAFKA_SECURITY=sasl_ssl}, the {@code KAFKA_*} settings ./kam hands the services) and a
 * PostgreSQL that takes only TLS, verified in full ({@code KAM_POSTGRES_TLS=true}, {@code sslmode=verify-full} in the
 * JDBC URLs); the other platform tests run on plaintext ones.
 */
class KamUpAndDownTest {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    static final String STRATEGIC_CUSTOMER = """
            {"legalName": "Atlas Global Manufacturing", "headquartersCountry": "DE",
             "annualPurchasePotential": {"amount": 30000000, "currency": "EUR"},
             "locations": [{"country": "DE", "region": "Bayern"}, {"country": "DE", "region": "Hamburg"}, {"country": "US", "region": "Ohio"},
                           {"country": "JP", "region": "Aichi"}],
             "operatingUnits": [{"name": "Powertrain"}, {"name": "Chassis"}, {"name": "Electronics"}, {"name": "Aftermarket"}, {"name": "Services"}],
             "functionalAreas": ["PROCUREMENT", "ENGINEERING", "QUALITY", "OPERATIONS", "FINANCE", "EXECUTIVE"],
             "selectionCriteria": ["price", "quality", "delivery", "support", "innovation", "sustainability", "payment terms", "local presence", "certification", "references"],
             "buyingCenter": [{"contactId": "c-1", "roles": ["INITIATOR"]}, {"contactId": "c-2", "roles": ["USER"]}, {"contactId": "c-3", "roles": ["INFLUENCER"]},
                              {"contactId": "c-4", "roles": ["DECIDER"]}, {"contactId": "c-5", "roles": ["BUYER"]}, {"contactId": "c-6", "roles": ["GATEKEEPER"]},
                              {"contactId": "c-7", "roles": ["APPROVER"]}, {"contactId": "c-8", "roles": ["USER"]}, {"contactId": "c-9", "roles": ["USER"]},
                              {"contactId": "c-10", "roles": ["INFLUENCER"]}, {"contactId": "c-11", "roles": ["BUYER"]}, {"contactId": "c-12", "roles": ["USER"]}],
             "partnershipIntent": "STRATEGIC_ALLIANCE", "supplierStatus": "PREFERRED", "relationshipSince": "2012-01-01"}""";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void upServesEveryServiceToAViewerRunsTheWholePipelineOverSaslSslAndDownStopsEverything(@TempDir Path home) throws Exception {
        KamCommand kam = new KamCommand(home);
        kam.environment.put("KAM_KAFKA_SECURITY", "sasl_ssl");
        kam.environment.put("KAM_POSTGRES_TLS", "true");
        Map<String, String> services = Map.of(
                "customer-service", "KAM_CUSTOMER_PORT",
                "scoring-service", "KAM_SCORING_PORT",
                "team-coordination-service", "KAM_TEAM_PORT");
        try {
            KamCommand.Result up = kam.run(UP_TIMEOUT, "up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output()).contains("KAM is up").contains("http://localhost:" + kam.port("KAM_CUSTOMER_PORT"));
            // the reactor packages every module ./kam needs before this one: a test's ./kam up never starts a build of its own
            // (run alone after changing sources, ./mvnw install -DskipTests first)
            assertThat(up.output()).as("./kam up inside the build").doesNotContain("building the platform");

            KamCommand.Result token = kam.run(Duration.ofMinutes(1), "token", "viewer");
            assertThat(token.exitCode()).as(token.output()).isZero();
            String viewer = token.output().strip();

            for (var service : services.entrySet()) {
                String url = "http://localhost:" + kam.port(service.getValue()) + "/api/v1/service-info";
                HttpResponse<String> answer = get(url, viewer);
                assertThat(answer.statusCode()).as(service.getKey() + ": " + answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"service\":\"" + service.getKey() + "\"");
                assertThat(get(url, null).statusCode()).isEqualTo(401);
            }

            // Across services: a customer registered through customer-service is scored by scoring-service.
            String crm = kam.run(Duration.ofMinutes(1), "token", "crm-integration").output().strip();
            String customerUrl = "http://localhost:" + kam.port("KAM_CUSTOMER_PORT") + "/api/v1/customers/by-external-ref/salesforce/e2e-1";
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(customerUrl))
                    .header("Authorization", "Bearer " + crm).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(STRATEGIC_CUSTOMER)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            String customerId = registered.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
            String scoreUrl = "http://localhost:" + kam.port("KAM_SCORING_PORT") + "/api/v1/scores/" + customerId;
            HttpResponse<String> score = get(scoreUrl, viewer);
            for (int attempt = 0; attempt < 60 && score.statusCode() != 200; attempt++) {
                Thread.sleep(500);
                score = get(scoreUrl, viewer);
            }
            assertThat(score.statusCode()).as(score.body()).isEqualTo(200);
            assertThat(score.body()).contains("\"designation\":\"NATIONAL_ACCOUNT\"").contains("\"reach\":\"GLOBAL\"")
                    .contains("reaches the promotion threshold");

            // ... and team-coordination-service forms its team in the customer's sales territories, which the staffing proposal
            // makes ACTIVE with reps of those territories, who report to their regional sales manager.
            String teamBase = "http://localhost:" + kam.port("KAM_TEAM_PORT") + "/api/v1";
            for (String[] person : new String[][]{{"e2e-kam", "KEY_ACCOUNT_MANAGER", "", "DE-SOUTH"}, {"e2e-exec", "EXECUTIVE", "", "DE-SOUTH"},
                    {"e2e-svc", "SERVICE", "", "DE-SOUTH"}, {"e2e-rsm", "SALES_MANAGER", "", "DE-SOUTH"},
                    {"e2e-south", "FIELD_SALES", "e2e-rsm", "DE-SOUTH"}, {"e2e-north", "FIELD_SALES", "e2e-rsm", "DE-NORTH"},
                    {"e2e-usa", "FIELD_SALES", "e2e-rsm", "USA"}, {"e2e-japan", "FIELD_SALES", "e2e-rsm", "JAPAN"}}) {
                String staff = "{\"name\":\"" + person[0] + "\",\"function\":\"" + person[1] + "\",\"regions\":[\"" + person[3]
                        + "\"],\"capacity\":5" + (person[2].isEmpty() ? "" : ",\"managerId\":\"" + person[2] + "\"") + "}";
                HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(teamBase + "/staff/" + person[0]))
                        .header("Authorization", "Bearer " + crm).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(staff)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            }
            HttpResponse<String> team = get(teamBase + "/teams/" + customerId, viewer);
            for (int attempt = 0; attempt < 60 && team.statusCode() != 200; attempt++) {
                Thread.sleep(500);
                team = get(teamBase + "/teams/" + customerId, viewer);
            }
            assertThat(team.body()).contains("\"status\":\"FORMING\"");
            String salesOps = kam.run(Duration.ofMinutes(1), "token", "sales-ops").output().strip();
            HttpResponse<String> applied = http.send(HttpRequest.newBuilder(URI.create(teamBase + "/teams/" + customerId + "/staffing-proposal?apply=true"))
                    .header("Authorization", "Bearer " + salesOps).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
            assertThat(get(teamBase + "/teams/" + customerId, viewer).body()).contains("\"status\":\"ACTIVE\"");
            Map<String, Object> kafkaClient = kam.kafkaClientSettings();
            assertThat(kafkaClient).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            List<String> teamEvents = TeamEvents.typesFor(kafkaClient, customerId, 7);
            assertThat(teamEvents.get(0)).isEqualTo("kam.team.formed.v1");
            assertThat(teamEvents).containsSubsequence("kam.team.formed.v1", "kam.team.member-assigned.v1", "kam.team.activated.v1");

            // Every connection of the services to their databases is TLS, verified in full.
            Map<String, String> infrastructure = kam.infrastructureEnvironment();
            assertThat(infrastructure.get("KAM_DB_URL_KAM_CUSTOMER")).contains("sslmode=verify-full");
            try (Connection database = DriverManager.getConnection(infrastructure.get("KAM_DB_URL_KAM_CUSTOMER"),
                    infrastructure.get("KAM_DB_USER"), infrastructure.getOrDefault("KAM_DB_PASSWORD", ""));
                 ResultSet connections = database.createStatement().executeQuery("""
                         SELECT a.datname, bool_and(s.ssl), count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid
                         WHERE a.datname IN ('kam_customer', 'kam_scoring', 'kam_team') AND a.pid <> pg_backend_pid()
                         GROUP BY a.datname ORDER BY a.datname""")) {
                List<String> seen = new java.util.ArrayList<>();
                while (connections.next()) {
                    assertThat(connections.getBoolean(2)).as("every connection to " + connections.getString(1) + " is TLS").isTrue();
                    seen.add(connections.getString(1));
                }
                assertThat(seen).containsExactly("kam_customer", "kam_scoring", "kam_team");
            }

            // An instance given a wrong password (configuration only) is not ready and says why, instead of stalling silently.
            int refusedPort = KamCommand.freePort();
            kam.environment.put("KAM_INSTANCE_PORT", String.valueOf(refusedPort));
            kam.environment.put("KAM_START_TIMEOUT", "30");
            kam.environment.put("KAFKA_SASL_JAAS_CONFIG",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kam\" password=\"not-the-password\";");
            KamCommand.Result refused = kam.run(Duration.ofMinutes(2), "start", "customer-service@2");
            kam.environment.keySet().removeAll(List.of("KAM_INSTANCE_PORT", "KAM_START_TIMEOUT", "KAFKA_SASL_JAAS_CONFIG"));
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("customer-service@2 was not ready");
            HttpResponse<String> notReady = get("http://localhost:" + refusedPort + "/q/health/ready", null);
            assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
            assertThat(notReady.body()).contains("Kafka refused this service's credentials").contains("KAFKA_SASL_JAAS_CONFIG");
            assertThat(kam.run(Duration.ofMinutes(2), "stop", "customer-service@2").exitCode()).isZero();

            // A service killed from outside (the OOM killer, a kill -9) leaves its pid file, and maybe a zombie: ./kam up
            // starts it again at once instead of calling it "already running".
            long scoringPid = Long.parseLong(Files.readString(home.resolve("run/scoring-service.pid")).strip());
            ProcessHandle.of(scoringPid).orElseThrow().destroyForcibly();
            awaitGoneOrZombie(scoringPid);
            KamCommand.Result again = kam.run(UP_TIMEOUT, "up");
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("customer-service already running").doesNotContain("scoring-service already running");
            assertThat(get("http://localhost:" + kam.port("KAM_SCORING_PORT") + "/q/health/ready", null).statusCode()).isEqualTo(200);
            // ... and a pid file naming a process that is something else now (its pid reused) is not a running service.
            assertThat(kam.run(Duration.ofMinutes(2), "stop", "team-coordination-service").exitCode()).isZero();
            Files.writeString(home.resolve("run/team-coordination-service.pid"), String.valueOf(ProcessHandle.current().pid()));
            KamCommand.Result reused = kam.run(UP_TIMEOUT, "up");
            assertThat(reused.exitCode()).as(reused.output()).isZero();
            assertThat(reused.output()).doesNotContain("team-coordination-service already running");
            assertThat(get("http://localhost:" + kam.port("KAM_TEAM_PORT") + "/q/health/ready", null).statusCode()).isEqualTo(200);

            KamCommand.Result status = kam.run(Duration.ofMinutes(1), "status");
            assertThat(status.output()).contains("customer-service", "ready on");
            assertThat(kam.infrastructureEnvironment()).containsEntry("KAM_KAFKA_BOOTSTRAP", "127.0.0.1:" + kam.port("KAM_KAFKA_PORT"));

            KamCommand.Result logs = kam.run(Duration.ofMinutes(1), "logs", "scoring-service");
            assertThat(logs.output()).contains("scoring-service");
        } finally {
            KamCommand.Result down = kam.run(Duration.ofMinutes(2), "down");
            assertThat(down.exitCode()).as(down.output()).isZero();
            assertThat(down.output()).contains("KAM is down");
        }
        for (String portName : List.of("KAM_CUSTOMER_PORT", "KAM_SCORING_PORT", "KAM_TEAM_PORT", "KAM_KAFKA_PORT")) {
            assertThat(isFree(kam.port(portName))).as(portName + " released").isTrue();
        }
        assertThat(home.resolve("data/postgres/postmaster.pid")).doesNotExist();
        assertThat(home.resolve("data/kafka-sasl/meta.properties")).exists(); // data is kept for the next up
    }

    @Test
    void upRefusesClearlyWhenAPortItNeedsIsTaken(@TempDir Path home) throws Exception {
        KamCommand kam = new KamCommand(home);
        try (ServerSocket squatter = new ServerSocket(kam.port("KAM_SCORING_PORT"), 1, InetAddress.getLoopbackAddress())) {
            KamCommand.Result up = kam.run(UP_TIMEOUT, "up");
            assertThat(up.exitCode()).isNotZero();
            assertThat(up.output()).contains("port " + kam.port("KAM_SCORING_PORT") + " for scoring-service is already in use");
        }
        assertThat(home.resolve("run/kafka.pid")).doesNotExist(); // nothing was started
        assertThat(home.resolve("run/postgres.pid")).doesNotExist();
    }

    @Test
    void tokenRefusesAnUnknownRole(@TempDir Path home) throws Exception {
        KamCommand.Result token = new KamCommand(home).run(Duration.ofMinutes(1), "token", "superuser");
        assertThat(token.exitCode()).isNotZero();
        assertThat(token.output()).contains("unknown role 'superuser'");
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Until the killed process is gone or only a zombie (what a kill -9 leaves while nobody reaps it). */
    private static void awaitGoneOrZombie(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!Files.exists(stat)) {
                return;
            }
            try {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                    return;
                }
            } catch (java.io.IOException gone) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("process " + pid + " still runs 10 s after kill -9");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
