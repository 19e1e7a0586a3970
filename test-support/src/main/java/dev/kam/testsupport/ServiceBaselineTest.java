package dev.kam.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every KAM service must do from its first day, checked against the real broker and database: a
 * subclass annotated {@code @QuarkusTest} runs these for its service.
 */
public abstract class ServiceBaselineTest {

    /** The service's name, e.g. {@code customer-service}. */
    protected abstract String serviceName();

    protected abstract List<String> publishedTopics();

    protected abstract List<String> consumedTopics();

    /** The service's business gauges as Prometheus names them, e.g. {@code kam_customers}. */
    protected abstract List<String> businessMetrics();

    @Test
    void exportsTheTechnicalMetricsOfItsEventsAndItsBusinessGauges() {
        List<String> expected = new java.util.ArrayList<>(List.of("kam_outbox_backlog", "kam_outbox_oldest_unpublished_age_seconds"));
        if (!consumedTopics().isEmpty()) {
            expected.add("kam_consumer_lag");
        }
        expected.addAll(businessMetrics());
        for (String name : expected) {
            org.assertj.core.api.Assertions.assertThat(PrometheusMetrics.exported(name)).as(name + " on /q/metrics").isTrue();
        }
    }

    @Test
    void answersAViewerWithWhatItPublishesAndConsumes() {
        given().auth().oauth2(TestTokens.withRoles("viewer")).get("/api/v1/service-info").then()
                .statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("publishes.topic", containsInAnyOrder(publishedTopics().toArray()))
                .body("consumes.topic", containsInAnyOrder(consumedTopics().toArray()))
                .body("deadLetterTopic", equalTo("kam." + serviceName() + ".dlq"));
    }

    @Test
    void refusesARequestWithoutATokenWith401() {
        given().get("/api/v1/service-info").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void refusesATokenWithoutAKnownRoleWith403() {
        given().auth().oauth2(TestTokens.withRoles("intern")).get("/api/v1/service-info").then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void isLiveAndReadyWithItsDatabaseAndKafka() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Database")))
                // the broker's own reachability is not a readiness matter (writes wait in the outbox); the
                // service's lasting access to Kafka (credentials, rights, topics) is
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.data.bootstrapServers", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void servesMetricsAndItsApiDescriptionPublicly() {
        given().get("/q/metrics").then().statusCode(200);
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", org.hamcrest.Matchers.containsString("KAM"))
                .body("paths", hasKey("/api/v1/service-info"))
                .body("components.securitySchemes", hasKey("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
