package dev.kam.scoring.service;

import dev.kam.contracts.EventType;
import dev.kam.contracts.data.CustomerEventData;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.scoring.domain.CustomerFacts;
import dev.kam.scoring.domain.Designation;
import dev.kam.scoring.domain.Place;
import dev.kam.scoring.domain.Reach;
import dev.kam.scoring.domain.ScoreResult;
import dev.kam.scoring.domain.Scorer;
import dev.kam.scoring.domain.ScoringEvents;
import dev.kam.scoring.domain.ScoringModel;
import dev.kam.scoring.domain.Tier;
import dev.kam.scoring.repository.ScoringRepository;
import dev.kam.scoring.repository.ScoringRepository.CurrentScore;
import dev.kam.scoring.repository.ScoringRepository.ModelVersion;
import dev.kam.scoring.repository.ScoringRepository.TierOverride;
import dev.kam.scoring.repository.ScoringRepository.ScoreChange;
import dev.kam.scoring.repository.ScoringRepository.StoredFacts;
import dev.kam.scoring.repository.ScoringRepository.StoredScore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps every customer's score current: when its profile changes, when the model changes, when an override is
 * set or expires. Each rescore runs under the customer's facts row lock, so live events and a model rescore
 * of the same customer take turns, and publishes what changed through the outbox. Work comes in batches (a
 * poll of events, a page of a rescore) and is done set-based: a few statements per batch, not per customer.
 */
@ApplicationScoped
public class ScoringService {

    private static final Object ACTIVE_MODEL = new Object();

    private final ScoringRepository repository;
    private final OutboxWriter outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    ScoringService(ScoringRepository repository, OutboxWriter outbox, TransactionSynchronizationRegistry transactions, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** A customer event's content: the snapshot of the customer and its sequence. */
    public record CustomerChange(UUID customerId, long sequence, boolean archivedEvent, CustomerEventData.Customer customer) {

        /** @param archivedEvent whether the event is {@code customer-archived} */
        public static CustomerChange of(CustomerEventData data, boolean archivedEvent) {
            return new CustomerChange(data.customer().id(), data.sequence(), archivedEvent, data.customer());
        }
    }

    /**
     * Applies customer events (registered, profile-changed, archived), in their order, in the caller's
     * transaction. Events older than what was applied (lower sequence) change nothing; each event that does
     * gets its own score, history entry and events, as if applied alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCustomerEvents(List<CustomerChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Pass pass = new Pass(changes.stream().map(CustomerChange::customerId).distinct().toList(), activeModel());
        for (CustomerChange change : changes) {
            StoredFacts known = pass.facts.get(change.customerId());
            if (known != null && known.eventSequence() >= change.sequence()) {
                continue;
            }
            boolean archived = change.archivedEvent() || change.customer().archived();
            pass.factsChanged(new StoredFacts(change.customerId(), facts(change.customer()), change.sequence(), archived,
                    externalRefs(change.customer())));
            pass.rescore(change.customerId(), "customer-" + (change.archivedEvent() ? "archived" : "changed"));
        }
        pass.write();
    }

    /** Scores one customer with {@code model} and publishes what changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescore(UUID customerId, ModelVersion model, String cause) {
        rescore(List.of(customerId), model, cause);
    }

    /**
     * Scores the customers with {@code model} and publishes what changed, set-based: their facts are locked
     * and read, and everything written, in a handful of statements.
     *
     * @throws IllegalStateException when one of them has no facts
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescore(List<UUID> customerIds, ModelVersion model, String cause) {
        Pass pass = new Pass(customerIds, model);
        for (UUID customerId : customerIds) {
            if (!pass.facts.containsKey(customerId)) {
                throw new IllegalStateException("customer " + customerId + " has no facts to score");
            }
            pass.rescore(customerId, cause);
        }
        pass.write();
    }

    /**
     * One set-based scoring pass over some customers: reads their facts (locked), scores and overrides at the
     * start, keeps them current in memory as events are applied one after the other, writes at the end.
     */
    private final class Pass {

        private final ModelVersion model;
        private final Instant now = clock.instant();
        private final Map<UUID, StoredFacts> facts;
        private final Map<UUID, CurrentScore> scores;
        private final Map<UUID, TierOverride> overrides;
        private final Map<UUID, StoredFacts> changedFacts = new LinkedHashMap<>();
        private final Map<UUID, ScoreChange> changedScores = new LinkedHashMap<>();
        private final List<ScoreChange> history = new ArrayList<>();
        private final List<OutboxWriter.Pending> events = new ArrayList<>();

        Pass(List<UUID> customerIds, ModelVersion model) {
            this.model = model;
            this.facts = repository.factsForUpdate(customerIds);
            this.scores = repository.currentScores(customerIds);
            this.overrides = repository.overrides(customerIds);
        }

        void factsChanged(StoredFacts changed) {
            facts.put(changed.customerId(), changed);
            changedFacts.put(changed.customerId(), changed);
        }

        void rescore(UUID customerId, String cause) {
            StoredFacts stored = facts.get(customerId);
            Optional<CurrentScore> previous = Optional.ofNullable(scores.get(customerId));
            Tier previousComputed = previous.map(CurrentScore::computedTier).orElse(Tier.STANDARD);
            ScoreResult result = Scorer.score(model.model(), stored.facts(), previousComputed);

            Tier computed = stored.archived() ? Tier.STANDARD : result.tier();
            Tier tier = computed;
            Designation designation = stored.archived() ? Designation.NONE : result.designation();
            Reach reach = stored.archived() ? null : result.reach();
            List<String> reasons = new ArrayList<>(result.reasons());
            if (stored.archived()) {
                reasons.add(0, "the customer is archived");
            }
            Optional<TierOverride> override = Optional.ofNullable(overrides.get(customerId)).filter(o -> o.expiresAt().isAfter(now));
            if (override.isPresent() && !stored.archived()) {
                tier = override.get().tier();
                reach = tier == Tier.STANDARD ? null : Scorer.reach(model.model(), Scorer.geography(model.model(), stored.facts().places()));
                designation = reach == null ? Designation.NONE : reach.designation();
                reasons.add(0, "overridden by " + override.get().createdBy() + " until " + override.get().expiresAt() + ": "
                        + override.get().reason());
            }
            ScoreResult explained = new ScoreResult(result.total(), result.confidence(), tier, designation, reach, result.criteria(),
                    List.copyOf(reasons), result.whatWouldChange(), result.regions(), result.areas(), result.countries());
            StoredScore score = new StoredScore(customerId, model.version(), result.total(), result.confidence(), computed, tier,
                    designation, result.regions(), explained, now);
            CurrentScore current = score.current();

            boolean changed = previous.isEmpty() || previous.get().total() != score.total() || previous.get().tier() != tier
                    || previous.get().designation() != designation || previous.get().modelVersion() != model.version()
                    || previous.get().computedTier() != computed || !current.sameKeyAccountPicture(previous.get());
            if (!changed) {
                return;
            }
            ScoreChange change = new ScoreChange(score, cause);
            scores.put(customerId, current);
            changedScores.put(customerId, change);
            history.add(change);
            String subject = customerId.toString();
            events.add(OutboxWriter.Pending.event(EventType.CUSTOMER_SCORED, subject, new ScoringEvents.CustomerScored(subject,
                    model.version(), score.total(), previous.map(CurrentScore::total).orElse(null), tier, designation, reach,
                    score.confidence(), result.criteria(), explained.reasons(), now)));
            designationEvents(subject, previous, score, stored.archived() ? null : override.orElse(null));
        }

        /**
         * What key-account status changed, for the consumers that follow key accounts: designated, changed (key <->
         * national), revoked, or, for a key account whose designation stays, updated (its territories or reach, how
         * clearly it is identified, or whether an override decides it).
         */
        private void designationEvents(String subject, Optional<CurrentScore> previous, StoredScore score, TierOverride override) {
            Designation before = previous.map(CurrentScore::designation).orElse(Designation.NONE);
            Designation after = score.designation();
            ScoreResult explained = score.explanation();
            List<String> reasons = explained.reasons();
            int version = model.version();
            ScoringEvents.Identification identification = new ScoringEvents.Identification(score.confidence(), explained.missing(),
                    override == null || score.tier() == score.computedTier() ? null
                            : new ScoringEvents.OverrideInfo(override.createdBy(), override.reason(), override.createdAt(), override.expiresAt()));
            if (!before.isKeyAccount() && after.isKeyAccount()) {
                events.add(OutboxWriter.Pending.event(EventType.KEY_ACCOUNT_DESIGNATED, subject, new ScoringEvents.KeyAccountDesignated(
                        subject, after, explained.reach(), version, score.total(), score.regions(), explained.areas(), explained.countries(),
                        reasons, identification.confidence(), identification.missing(), identification.override(), now)));
            } else if (before.isKeyAccount() && after.isKeyAccount() && before != after) {
                events.add(OutboxWriter.Pending.event(EventType.DESIGNATION_CHANGED, subject, new ScoringEvents.DesignationChanged(
                        subject, before, after, explained.reach(), version, score.total(), score.regions(), explained.areas(),
                        explained.countries(), reasons, identification.confidence(), identification.missing(), identification.override(), now)));
            } else if (before.isKeyAccount() && !after.isKeyAccount()) {
                events.add(OutboxWriter.Pending.event(EventType.KEY_ACCOUNT_REVOKED, subject, new ScoringEvents.KeyAccountRevoked(
                        subject, before, version, score.total(), reasons, now)));
                events.add(OutboxWriter.Pending.tombstone(EventType.KEY_ACCOUNT_STATE, subject));
                return;
            } else if (after.isKeyAccount() && !score.current().sameKeyAccountPicture(previous.get())) {
                events.add(OutboxWriter.Pending.event(EventType.KEY_ACCOUNT_UPDATED, subject, new ScoringEvents.KeyAccountUpdated(
                        subject, after, explained.reach(), version, score.total(), score.regions(), explained.areas(), explained.countries(),
                        reasons, identification.confidence(), identification.missing(), identification.override(), now)));
            }
            if (after.isKeyAccount() && (before != after || !score.current().sameKeyAccountPicture(previous.orElse(null)))) {
                events.add(OutboxWriter.Pending.event(EventType.KEY_ACCOUNT_STATE, subject, new ScoringEvents.KeyAccountState(
                        subject, after, explained.reach(), version, score.total(), score.regions(), explained.areas(), explained.countries(), now)));
            }
        }

        void write() {
            repository.saveFacts(changedFacts.values());
            repository.saveScores(changedScores.values());
            repository.addHistory(history);
            outbox.recordAll(events);
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

    /** The CRMs' references of a customer snapshot, each {@code system/id} (neither part may hold a {@code /}). */
    static List<String> externalRefs(CustomerEventData.Customer customer) {
        return customer.externalRefs().stream().map(CustomerEventData.ExternalRef::systemSlashId).toList();
    }

    /** The facts scoring reads, from a customer snapshot of a customer event. */
    static CustomerFacts facts(CustomerEventData.Customer customer) {
        Set<Place> places = new LinkedHashSet<>();
        customer.locations().forEach(location -> places.add(new Place(location.country(), location.region())));
        Set<String> roles = new HashSet<>();
        customer.buyingCenter().forEach(contact -> roles.addAll(contact.roles()));
        CustomerEventData.Money potential = customer.annualPurchasePotential();
        return new CustomerFacts(potential == null ? null : potential.amount(), potential == null ? null : potential.currency(),
                customer.buyingCenter().size(), roles.size(), customer.selectionCriteria(), List.copyOf(places),
                new LinkedHashSet<>(customer.functionalAreas()), customer.operatingUnits().size(), customer.partnershipIntent(),
                customer.supplierStatus(), customer.relationshipSince());
    }

    /** The default model as version 1 when the service starts on an empty database. */
    @Transactional
    public void ensureFirstModel() {
        repository.insertFirstModel(ScoringModel.defaults(), "KAM default model: potential 40 %, complexity 35 %, partnership 25 %");
    }
}
