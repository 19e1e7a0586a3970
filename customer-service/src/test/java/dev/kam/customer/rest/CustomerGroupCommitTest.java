package dev.kam.customer.rest;

import dev.kam.contracts.Topics;
import dev.kam.customer.domain.CustomerProfile;
import dev.kam.customer.domain.ExternalRef;
import dev.kam.customer.domain.ExternalRefConflictException;
import dev.kam.customer.domain.PreconditionFailedException;
import dev.kam.customer.domain.VersionCondition;
import dev.kam.customer.service.CustomerService;
import dev.kam.customer.service.CustomerService.Outcome;
import dev.kam.customer.service.CustomerService.Upsert;
import dev.kam.customer.service.CustomerService.UpsertOutcome;
import dev.kam.foundation.audit.CurrentActor;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.testsupport.KafkaTestClient;
import dev.kam.testsupport.KafkaTestClient.Received;
import dev.kam.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.kam.customer.rest.Customers.JSON;
import static dev.kam.customer.rest.Customers.asViewer;
import static dev.kam.customer.rest.Customers.data;
import static dev.kam.customer.rest.Customers.eventsOf;
import static dev.kam.customer.rest.Customers.nordwerk;
import static dev.kam.customer.rest.Customers.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync calls stored together (group commit) answer, publish, audit and trace as each would alone: the group's
 * rules on the service itself, then many concurrent calls of many callers through the API.
 */
@QuarkusTest
@CustomerTest
class CustomerGroupCommitTest {

    @Inject
    CustomerService customers;
    @Inject
    OutboxWriter outbox;
    @Inject
    CurrentActor actor;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper objectMapper;

    private KafkaTestClient kafka;

    @BeforeEach
    void mark() {
        kafka = new KafkaTestClient().mark(Topics.CUSTOMER_EVENTS);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aGroupAnswersEachUpsertAsIfAloneInItsOrderAndRecordsEachForItsOwnCaller() throws Exception {
        String a = uniqueId(), b = uniqueId(), c = uniqueId(), d = uniqueId(), known = uniqueId();
        Map<String, Object> knownBody = nordwerk(known);
        knownBody.put("externalRefs", List.of(Map.of("system", "salesforce", "id", known), Map.of("system", "sap", "id", known)));
        String knownId = given().auth().oauth2(TestTokens.forSubject("first-sync", "crm-integration")).contentType(ContentType.JSON)
                .body(knownBody).put("/api/v1/customers/by-external-ref/salesforce/" + known).then().statusCode(201).extract().path("id");
        Map<String, Object> knownChanged = new HashMap<>(knownBody);
        knownChanged.put("industry", "rail");
        Map<String, Object> aChanged = nordwerk(a);
        aChanged.put("industry", "chemicals");
        Map<String, Object> takesKnownsRef = nordwerk(c);
        takesKnownsRef.put("externalRefs", List.of(Map.of("system", "salesforce", "id", c), Map.of("system", "sap", "id", known)));

        List<Upsert> group = List.of(
                upsert(a, null, nordwerk(a)),            // 0: new, but named again by 3: one by one, first
                upsert(known, null, knownChanged),       // 1: known: replaced
                upsert(b, 7L, nordwerk(b)),              // 2: an expected version for a customer nobody knows
                upsert(a, null, aChanged),               // 3: after 0, in order
                upsert(d, null, nordwerk(d)),            // 4: new and named by no other upsert: registered with the set-based path
                upsert(c, null, takesKnownsRef));        // 5: a reference another customer owns
        List<UpsertOutcome> outcomes = QuarkusTransaction.requiringNew().call(() -> {
            List<List<UpsertOutcome>> stored = new ArrayList<>();
            outbox.recordingTogether(() -> stored.add(customers.upsertAllWithin(group, (index, work) -> actor.actingFor("caller-" + index, work))));
            return stored.get(0);
        });

        assertThat(outcomes.get(0).result().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(outcomes.get(1).result().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(outcomes.get(2).refusal()).isInstanceOf(PreconditionFailedException.class);
        assertThat(outcomes.get(3).result().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(outcomes.get(3).result().customer().version()).isEqualTo(2);
        assertThat(outcomes.get(3).result().customer().id()).isEqualTo(outcomes.get(0).result().customer().id());
        assertThat(outcomes.get(4).result().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(outcomes.get(5).refusal()).isInstanceOf(ExternalRefConflictException.class);

        String aId = outcomes.get(0).result().customer().id().toString();
        String newId = outcomes.get(4).result().customer().id().toString();
        assertThat(eventsOf(kafka, aId, 2)).extracting(r -> r.headers().get("ce_type") + "#" + data(r).get("sequence").asLong() + "@" + r.headers().get("ce_actor"))
                .containsExactly("kam.customer.registered.v1#1@caller-0", "kam.customer.profile-changed.v1#2@caller-3");
        assertThat(eventsOf(kafka, knownId, 2)).extracting(r -> r.headers().get("ce_actor")).containsExactly("first-sync", "caller-1");
        assertThat(eventsOf(kafka, newId, 1)).extracting(r -> r.headers().get("ce_actor")).containsExactly("caller-4");
        assertThat(auditActors(newId)).containsExactly("caller-4");
        assertThat(auditActors(aId)).containsExactly("caller-0", "caller-3");
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + b).then().statusCode(404);
        asViewer().get("/api/v1/customers/by-external-ref/salesforce/" + c).then().statusCode(404);
    }

    @Test
    void manyCallersSyncingAtOnceEachGetTheirAnswerAuditEntryAndTrace() throws Exception {
        int calls = 48;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        List<Callable<Response>> requests = new ArrayList<>();
        Map<Integer, String> traceIds = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            String ref = uniqueId();
            String traceId = String.format("%032x", System.nanoTime() * 31 + i);
            traceIds.put(i, traceId);
            String token = TestTokens.forSubject("sync-job-" + i, "crm-integration");
            requests.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .body(JSON.writeValueAsString(nordwerk(ref))).put("/api/v1/customers/by-external-ref/salesforce/" + ref));
        }
        List<Response> answers = new ArrayList<>();
        try {
            for (Future<Response> answer : pool.invokeAll(requests)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < calls; i++) {
            Response answer = answers.get(i);
            assertThat(answer.statusCode()).as("call " + i).isEqualTo(201);
            String id = answer.path("id");
            Received registered = eventsOf(kafka, id, 1).get(0);
            assertThat(registered.headers().get("ce_actor")).isEqualTo("sync-job-" + i);
            assertThat(registered.headers().get("traceparent")).as("the event continues the trace of its own call")
                    .startsWith("00-" + traceIds.get(i) + "-");
            assertThat(auditActors(id)).containsExactly("sync-job-" + i);
        }
    }

    private Upsert upsert(String ref, Long expectedVersion, Map<String, Object> body) throws Exception {
        CustomerProfile profile = objectMapper.readValue(JSON.writeValueAsString(body), CustomerRequest.class).toProfile();
        VersionCondition condition = expectedVersion == null ? null : VersionCondition.oneOf(Set.of(expectedVersion), "\"" + expectedVersion + "\"");
        return new Upsert(new ExternalRef("salesforce", ref), condition, profile);
    }

    private static List<String> auditActors(String customerId) {
        return asViewer().queryParam("entityType", "customer").queryParam("entityId", customerId).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.actor");
    }
}
