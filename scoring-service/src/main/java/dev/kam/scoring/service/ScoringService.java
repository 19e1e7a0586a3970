package dev.kam.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.EventType;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.scoring.domain.CustomerFacts;
import dev.kam.scoring.domain.Designation;
import dev.kam.scoring.domain.ScoreResult;
import dev.kam.scoring.domain.Scorer;
import dev.kam.scoring.domain.ScoringEvents;
import dev.kam.scoring.domain.ScoringModel;
import dev.kam.scoring.domain.Tier;
import dev.kam.scoring.repository.ScoringRepository;
import dev.kam.scoring.repository.ScoringRepository.ModelVersion;
import dev.kam.scoring.repository.ScoringRepository.Override;
import dev.kam.scoring.repository.ScoringRepository.StoredFacts;
import dev.kam.scoring.repository.ScoringRepository.StoredScore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps every customer's score current: when its profile changes, when the model changes, when an override is
 * set or expires. Each rescore runs under the customer's facts row lock, so live events and a model rescore
 * of the same customer take turns, and publishes what changed through the outbox.
 */
@ApplicationScoped
public class ScoringService {

    private static final Object ACTIVE_MODEL = new Object();

    private final ScoringRepository repository;
    private final OutboxWriter outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock = Clock.systemUTC();

    ScoringService(ScoringRepository repository, OutboxWriter outbox, TransactionSynchronizationRegistry transactions) {
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /**
     * Applies a customer event (registered, profile-changed, archived) in the caller's transaction. Events
     * older than what was applied (lower sequence) change nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCustomerEvent(JsonNode data, boolean archivedEvent) {
        JsonNode customer = data.get("customer");
        UUID customerId = UUID.fromString(customer.get("id").asText());
        long sequence = data.get("sequence").asLong();
        Optional<StoredFacts> known = repository.factsForUpdate(customerId);
        if (known.isPresent() && known.get().eventSequence() >= sequence) {
            return;
        }
        boolean archived = archivedEvent || customer.path("archived").asBoolean(false);
        repository.saveFacts(customerId, facts(customer), sequence, archived);
        rescore(customerId, activeModel(), "customer-" + (archivedEvent ? "archived" : "changed"));
    }

    /** Scores the customer with {@code model} and publishes what changed. The facts row must be locked by the caller. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescore(UUID customerId, ModelVersion model, String cause) {
        StoredFacts facts = repository.factsForUpdate(customerId).orElseThrow();
        Optional<StoredScore> previous = repository.score(customerId);
        Tier previousComputed = previous.map(StoredScore::computedTier).orElse(Tier.STANDARD);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        ScoreResult result = Scorer.score(model.model(), facts.facts(), previousComputed, today);

        Tier computed = facts.archived() ? Tier.STANDARD : result.tier();
        Tier tier = computed;
        Designation designation = facts.archived() ? Designation.NONE : result.designation();
        List<String> reasons = new ArrayList<>(result.reasons());
        if (facts.archived()) {
            reasons.add(0, "the customer is archived");
        }
        Optional<Override> override = repository.override(customerId).filter(o -> o.expiresAt().isAfter(now));
        if (override.isPresent() && !facts.archived()) {
            tier = override.get().tier();
            designation = tier == Tier.STANDARD ? Designation.NONE
                    : result.regions().size() >= model.model().nationalAccountRegions() ? Designation.NATIONAL_ACCOUNT : Designation.KEY_ACCOUNT;
            reasons.add(0, "overridden by " + override.get().createdBy() + " until " + override.get().expiresAt() + ": "
                    + override.get().reason());
        }
        ScoreResult explained = new ScoreResult(result.total(), result.confidence(), tier, designation, result.criteria(),
                List.copyOf(reasons), result.whatWouldChange(), result.regions());
        StoredScore score = new StoredScore(customerId, model.version(), result.total(), result.confidence(), computed, tier,
                designation, result.regions(), explained, now);

        boolean changed = previous.isEmpty() || previous.get().total() != score.total() || previous.get().tier() != tier
                || previous.get().designation() != designation || previous.get().modelVersion() != model.version()
                || previous.get().computedTier() != computed;
        if (!changed) {
            return;
        }
        repository.saveScore(score);
        repository.addHistory(score, cause);
        String subject = customerId.toString();
        outbox.record(EventType.CUSTOMER_SCORED, subject, new ScoringEvents.CustomerScored(subject, model.version(), score.total(),
                previous.map(StoredScore::total).orElse(null), tier, designation, score.confidence(), result.criteria(),
                explained.reasons(), now));
        publishDesignation(subject, previous.map(StoredScore::designation).orElse(Designation.NONE), score, model.version(), now);
    }

    private void publishDesignation(String subject, Designation before, StoredScore score, int modelVersion, Instant now) {
        Designation after = score.designation();
        List<String> reasons = score.explanation().reasons();
        if (!before.isKeyAccount() && after.isKeyAccount()) {
            outbox.record(EventType.KEY_ACCOUNT_DESIGNATED, subject, new ScoringEvents.KeyAccountDesignated(subject, after,
                    modelVersion, score.total(), score.regions(), reasons, now));
        } else if (before.isKeyAccount() && after.isKeyAccount() && before != after) {
            outbox.record(EventType.DESIGNATION_CHANGED, subject, new ScoringEvents.DesignationChanged(subject, before, after,
                    modelVersion, score.total(), score.regions(), reasons, now));
        } else if (before.isKeyAccount() && !after.isKeyAccount()) {
            outbox.record(EventType.KEY_ACCOUNT_REVOKED, subject, new ScoringEvents.KeyAccountRevoked(subject, before,
                    modelVersion, score.total(), reasons, now));
            outbox.recordTombstone(EventType.KEY_ACCOUNT_STATE, subject);
            return;
        }
        if (after.isKeyAccount() && before != after) {
            outbox.record(EventType.KEY_ACCOUNT_STATE, subject, new ScoringEvents.KeyAccountState(subject, after, modelVersion,
                    score.total(), score.regions(), now));
        }
    }

    /**
     * The active model, read once per transaction: a consumer batch scores hundreds of events in one
     * transaction, and the model cannot change within it (an activation is a transaction of its own).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ModelVersion activeModel() {
        ModelVersion cached = (ModelVersion) transactions.getResource(ACTIVE_MODEL);
        if (cached != null) {
            return cached;
        }
        ModelVersion active = repository.activeModel().orElseThrow(() -> new IllegalStateException("no active scoring model"));
        transactions.putResource(ACTIVE_MODEL, active);
        return active;
    }

    /** The facts scoring reads, from a customer snapshot of a customer event. */
    static CustomerFacts facts(JsonNode customer) {
        JsonNode potential = customer.path("annualPurchasePotential");
        Set<String> regions = new HashSet<>();
        Set<String> countries = new HashSet<>();
        for (JsonNode location : customer.path("locations")) {
            if (location.hasNonNull("region")) {
                regions.add(location.get("region").asText());
            }
            countries.add(location.path("country").asText());
        }
        Set<String> roles = new HashSet<>();
        for (JsonNode contact : customer.path("buyingCenter")) {
            contact.path("roles").forEach(role -> roles.add(role.asText()));
        }
        return new CustomerFacts(
                potential.hasNonNull("amount") ? new BigDecimal(potential.get("amount").asText()) : null,
                potential.hasNonNull("currency") ? potential.get("currency").asText() : null,
                customer.path("buyingCenter").size(), roles.size(), customer.path("selectionCriteria").size(), regions,
                countries.size(), customer.path("functionalAreas").size(), customer.path("operatingUnits").size(),
                text(customer, "partnershipIntent"), text(customer, "supplierStatus"),
                customer.hasNonNull("relationshipSince") ? LocalDate.parse(customer.get("relationshipSince").asText()) : null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** The default model as version 1 when the service starts on an empty database. */
    @Transactional
    public void ensureFirstModel() {
        repository.insertFirstModel(ScoringModel.defaults(), "KAM default model: potential 40 %, complexity 35 %, partnership 25 %");
    }
}
