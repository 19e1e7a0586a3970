package dev.kam.scoring.service;

import dev.kam.foundation.audit.AuditTrail;

import dev.kam.scoring.domain.Tier;
import dev.kam.scoring.repository.ScoringRepository;
import dev.kam.scoring.repository.ScoringRepository.TierOverride;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Sales ops may force a tier for a while, with a reason; when it expires the computed tier is back. */
@ApplicationScoped
public class OverrideService {

    /** The longest an override may run: a year and a day, so every forced tier is looked at again at least yearly. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private final ScoringRepository repository;
    private final ScoringService scoring;

    private final AuditTrail auditTrail;

    private final Clock clock;

    OverrideService(ScoringRepository repository, ScoringService scoring, AuditTrail auditTrail, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.scoring = scoring;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public TierOverride set(UUID customerId, Tier tier, String reason, Instant expiresAt, String by) {
        ScoringRepository.StoredFacts facts = repository.factsForUpdate(customerId).orElseThrow(() -> new CustomerNotScoredException(customerId));
        if (facts.archived()) {
            throw new OverrideRefusedException("customerId", "customer " + customerId + " is archived: it is scored STANDARD whatever "
                    + "is forced, so an override would change nothing", 409);
        }
        Instant latest = clock.instant().plus(LONGEST);
        if (expiresAt.isAfter(latest)) {
            throw new OverrideRefusedException("expiresAt", "must be at most " + LONGEST.toDays() + " days ahead (before " + latest
                    + "); set it again when it runs out", 400);
        }
        TierOverride override = new TierOverride(customerId, tier, reason, expiresAt, by, clock.instant());
        repository.saveOverride(override);
        auditTrail.record("override.set", "scoring", customerId.toString(), override);
        scoring.rescore(customerId, scoring.activeModel(), "override-set");
        return override;
    }

    @Transactional
    public boolean remove(UUID customerId) {
        if (repository.factsForUpdate(customerId).isEmpty() || !repository.deleteOverride(customerId)) {
            return false;
        }
        auditTrail.record("override.removed", "scoring", customerId.toString(), null);
        scoring.rescore(customerId, scoring.activeModel(), "override-removed");
        return true;
    }

    @Transactional
    public Optional<TierOverride> get(UUID customerId) {
        return repository.override(customerId);
    }

    /** Expired overrides are removed and their customers rescored, restoring the computed tier. */
    @Scheduled(every = "${scoring.override-expiry-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void expireOverrides() {
        for (UUID customerId : repository.expiredOverrides(clock.instant())) {
            repository.factsForUpdate(customerId);
            repository.deleteOverride(customerId);
            scoring.rescore(customerId, scoring.activeModel(), "override-expired");
        }
    }
}
