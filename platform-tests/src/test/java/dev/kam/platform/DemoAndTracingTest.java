package dev.kam.platform;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's five minutes and the operator's first trace, on the platform started by {@code ./kam up} with an
 * OpenTelemetry collector named ({@link DemoPlatform}, shared with the console's browser test, which runs after it): {@code ./kam demo} loads the seeded portfolio and prints the summary, a second
 * run finds the same portfolio and prints the same summary, and one customer upsert leaves a trace with spans in
 * all three services.
 */
@Turn(Turn.DEMO_AS_LOADED)
class DemoAndTracingTest {

    private static final Duration DEMO_TIMEOUT = DemoPlatform.DEMO_TIMEOUT;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDemoSummarisesASeededPortfolioTwiceAlikeAndAnUpsertIsTracedThroughAllThreeServices() throws Exception {
        DemoPlatform platform = DemoPlatform.get();
        KamCommand kam = platform.kam;
        OtlpReceiver collector = platform.collector;
        KamCommand.Result first = platform.firstDemo;
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("portfolio seed 42, 2,000 customers and 148 staff", "2000 created")
                .contains("The key-account programme", "National accounts", "Key accounts (top", "Watch list",
                        "Account teams", "Coverage gaps", "Programme health (Hise & Reid")
                .containsPattern("2,000 customers scored; \\d+ key accounts \\([0-9.]+ %\\), \\d+ of them national accounts")
                .containsPattern("\\d+ teams: \\d+ ACTIVE")
                // issue 15: national accounts within one country beside global ones, a matrix sales force whose
                // managers agree, a wind-down with its hand-over, and the programme's outcome
                .containsPattern("national accounts \\([1-9]\\d* global, [1-9]\\d* national, [1-9]\\d* of those within one country\\)")
                .containsPattern("line managers agreed to the coordination of [1-9]\\d* field reps")
                .containsPattern("handed to FS-[A-Z-]+-\\d \\([A-Z-]+\\) and their sales manager SM-[A-Z-]+")
                .containsPattern("Outcome \\(table 6.1: the goal of KAM is preferred-supplier status\\): [1-9]\\d* of \\d+ key accounts preferred or strategic");
        assertThat(keyAccounts(first.output())).as("a few of 2,000 deserve special treatment").isBetween(20, 300);

        KamCommand.Result second = kam.run(DEMO_TIMEOUT, "demo");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("0 created, 0 updated, 2000 unchanged");
        assertThat(summary(second.output())).as("the same seed, the same portfolio, the same summary")
                .isEqualTo(summary(first.output()));

        String traceId = UUID.randomUUID().toString().replace("-", "");
        String crm = kam.run(Duration.ofMinutes(1), "token", "crm-integration").output().strip();
        HttpResponse<String> upsert = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + kam.port("KAM_CUSTOMER_PORT")
                        + "/api/v1/customers/by-external-ref/salesforce/traced-1"))
                .header("Authorization", "Bearer " + crm).header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
                .PUT(HttpRequest.BodyPublishers.ofString(KamUpAndDownTest.STRATEGIC_CUSTOMER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upsert.statusCode()).as(upsert.body()).isEqualTo(201);

        // Each service exports its finished spans in batches of its own, every few seconds.
        Set<String> expectedServices = Set.of("customer-service", "scoring-service", "team-coordination-service");
        Set<String> expectedSpans = Set.of("kam.customer.events publish", "kam.customer.events process",
                "kam.scoring.events publish", "kam.scoring.events process", "kam.team.events publish");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !(services(collector, traceId).containsAll(expectedServices)
                && names(collector, traceId).containsAll(expectedSpans))) {
            Thread.sleep(1000);
        }
        assertThat(services(collector, traceId)).as("services with spans in the trace of one upsert: " + collector.spans(traceId))
                .containsExactlyInAnyOrderElementsOf(expectedServices);
        assertThat(names(collector, traceId)).containsAll(expectedSpans);
    }

    private static Set<String> services(OtlpReceiver collector, String traceId) {
        return collector.spans(traceId).stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
    }

    private static Set<String> names(OtlpReceiver collector, String traceId) {
        return collector.spans(traceId).stream().map(OtlpReceiver.ReceivedSpan::name).collect(Collectors.toSet());
    }

    /** The summary part of the demo's output: from its first heading to the end. */
    private static String summary(String output) {
        return output.substring(output.indexOf("The key-account programme"));
    }

    private static int keyAccounts(String output) {
        var match = java.util.regex.Pattern.compile("customers scored; (\\d+) key accounts").matcher(output);
        assertThat(match.find()).as(output).isTrue();
        return Integer.parseInt(match.group(1));
    }
}
