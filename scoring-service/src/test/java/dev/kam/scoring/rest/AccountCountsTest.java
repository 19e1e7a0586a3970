package dev.kam.scoring.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.foundation.metrics.SampledGauges;
import dev.kam.scoring.domain.Designation;
import dev.kam.scoring.repository.ScoringRepository;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.PrometheusMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kam.scoring.rest.CustomerEventsFixture.profileChanged;
import static dev.kam.scoring.rest.CustomerEventsFixture.registered;
import static dev.kam.scoring.rest.CustomerEventsFixture.smallCustomer;
import static dev.kam.scoring.rest.CustomerEventsFixture.strategicCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kam.accounts reads counts kept by triggers on customer_score instead of counting the table at every refresh:
 * whatever writes scores (a new customer, a changed designation, a row removed by hand), the kept counts must
 * equal a count of the table.
 */
@QuarkusTest
@ScoringTest
class AccountCountsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;
    @Inject
    ScoringRepository repository;
    @Inject
    SampledGauges gauges;

    private KafkaTestClient kafka;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void keptCountsFollowEveryWayAScoreIsWritten() {
        String national = UUID.randomUUID().toString();
        String revoked = UUID.randomUUID().toString();
        String small = UUID.randomUUID().toString();
        String removed = UUID.randomUUID().toString();
        ObjectNode revokedCustomer = strategicCustomer(revoked);
        registered(kafka, strategicCustomer(national));
        registered(kafka, revokedCustomer);
        registered(kafka, smallCustomer(small));
        registered(kafka, strategicCustomer(removed));
        await().atMost(WAIT).until(() -> designationOf(national) != null && designationOf(revoked) != null
                && designationOf(small) != null && designationOf(removed) != null);
        assertThat(designationOf(revoked)).isEqualTo("NATIONAL_ACCOUNT");
        assertKeptCountsMatchTheTable();

        ObjectNode shrunk = smallCustomer(revoked);
        profileChanged(kafka, shrunk, 2, "annualPurchasePotential", "locations", "buyingCenter");
        await().atMost(WAIT).until(() -> "NONE".equals(designationOf(revoked)));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("DELETE FROM customer_score WHERE customer_id = ?1")
                .setParameter(1, UUID.fromString(removed)).executeUpdate());
        assertKeptCountsMatchTheTable();

        // Other tests' events may still be scored meanwhile: the gauge is compared with the table until they agree.
        await().atMost(WAIT).untilAsserted(() -> {
            gauges.refreshNow();
            Map<Designation, Long> truth = QuarkusTransaction.requiringNew().call(this::countOfTheTable);
            for (Designation designation : Designation.values()) {
                assertThat(PrometheusMetrics.value("kam_accounts", "designation", designation.name()))
                        .as("kam_accounts{designation=%s}", designation).isEqualTo((double) truth.getOrDefault(designation, 0L));
            }
        });
    }

    /** In one statement, so one snapshot: the kept counts plus the changes not folded yet, against the table. */
    private void assertKeptCountsMatchTheTable() {
        List<String> differences = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT coalesce(t.designation, k.designation) || ': table ' || coalesce(t.n, 0) || ', kept ' || coalesce(k.n, 0)
                FROM (SELECT designation, count(*) AS n FROM customer_score GROUP BY designation) t
                FULL JOIN (SELECT designation, sum(n) AS n
                           FROM (SELECT designation, customers AS n FROM designation_count
                                 UNION ALL SELECT designation, change FROM designation_count_change) kept
                           GROUP BY designation) k ON k.designation = t.designation
                WHERE coalesce(t.n, 0) <> coalesce(k.n, 0)""").getResultList());
        assertThat(differences).isEmpty();
    }

    private Map<Designation, Long> countOfTheTable() {
        Map<Designation, Long> counts = new java.util.EnumMap<>(Designation.class);
        for (Object row : entityManager.createNativeQuery("SELECT designation, count(*) FROM customer_score GROUP BY designation").getResultList()) {
            Object[] columns = (Object[]) row;
            counts.put(Designation.valueOf((String) columns[0]), ((Number) columns[1]).longValue());
        }
        return counts;
    }

    private String designationOf(String customerId) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT designation FROM customer_score WHERE customer_id = ?1")
                .setParameter(1, UUID.fromString(customerId)).getResultList());
        return rows.isEmpty() ? null : (String) rows.get(0);
    }
}
