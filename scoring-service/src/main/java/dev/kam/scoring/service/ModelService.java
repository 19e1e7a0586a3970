package dev.kam.scoring.service;

import dev.kam.foundation.audit.AuditTrail;
import dev.kam.foundation.idempotency.IdempotencyKey;
import dev.kam.foundation.idempotency.IdempotencyStore;
import dev.kam.foundation.idempotency.StoredResponse;

import dev.kam.scoring.domain.ScoringModel;
import dev.kam.scoring.repository.ScoringRepository;
import dev.kam.scoring.repository.ScoringRepository.ModelVersion;
import dev.kam.scoring.repository.ScoringRepository.RescoreJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Model versions and the rescore that follows an activation. The rescore runs in the background in batches,
 * each its own transaction that also records the job's progress, so it resumes after a restart and live
 * scoring goes on meanwhile (a customer is locked only while its own score is written).
 */
@ApplicationScoped
public class ModelService {

    private static final Logger LOG = Logger.getLogger(ModelService.class);
    static final int BATCH_SIZE = 500;

    private final ScoringRepository repository;
    private final ScoringService scoring;
    private final ExecutorService rescorer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kam-rescore");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    private final AuditTrail auditTrail;

    private final Clock clock;

    private final IdempotencyStore idempotency;

    ModelService(ScoringRepository repository, ScoringService scoring, AuditTrail auditTrail, Clock clock, IdempotencyStore idempotency) {
        this.idempotency = idempotency;
        this.clock = clock;
        this.repository = repository;
        this.scoring = scoring;
        this.auditTrail = auditTrail;
    }

    void onStart(@Observes StartupEvent event) {
        scoring.ensureFirstModel();
        QuarkusTransaction.requiringNew().call(repository::runningJobs).forEach(job -> rescorer.submit(() -> run(job.id())));
        replaceOutdatedModel();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        rescorer.shutdownNow();
    }

    /**
     * A model stored before the model had its present shape (sales territories, the potential gate, the partnership
     * parts: issue 15) cannot be applied. On start, such an active model is replaced by the defaults as a new version,
     * activated, and every customer rescored, so an upgrade needs no hand work and keeps every version's record.
     * Concurrent starts agree: the table lock makes the second see the first's replacement.
     *
     * @return the rescore job of the version activated, if a replacement was needed
     */
    public Optional<RescoreJob> replaceOutdatedModel() {
        Optional<RescoreJob> job = QuarkusTransaction.requiringNew().call(this::replaceOutdatedModelInTransaction);
        job.ifPresent(started -> rescorer.submit(() -> run(started.id())));
        return job;
    }

    private Optional<RescoreJob> replaceOutdatedModelInTransaction() {
        repository.lockModels();
        ModelVersion active = repository.activeModel().orElseThrow();
        List<String> problems = active.model().shapeProblems();
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        int version = repository.insertDraft(ScoringModel.defaults(), "KAM default model (sales territories, a minimum potential, "
                + "partnership as the customer's wish): replaces version " + active.version() + ", defined before these existed");
        repository.activate(version);
        RescoreJob job = new RescoreJob(UUID.randomUUID(), version, "RUNNING", repository.countCustomers(), 0, null, clock.instant(), null);
        repository.saveJob(job);
        // no caller made this change, but it changes the model: the trail names the service
        auditTrail.recordEvents(List.of(new AuditTrail.EventEntry("service:scoring-service", "scoring-model.replaced-outdated",
                "scoring-model", String.valueOf(version), null, java.util.Map.of("replaced", String.valueOf(active.version()),
                        "rescoreJob", job.id().toString(), "problems", String.join("; ", problems)))));
        LOG.warnf("scoring model %d predates the current model shape (%s); activated the defaults as version %d and rescoring",
                active.version(), String.join("; ", problems), version);
        return Optional.of(job);
    }

    @Transactional
    public List<ModelVersion> models() {
        return repository.allModels();
    }

    @Transactional
    public Optional<ModelVersion> model(int version) {
        return repository.model(version);
    }

    /** @throws InvalidModelException naming what is inconsistent */
    @Transactional
    public ModelVersion createDraft(ScoringModel model, String description) {
        List<String> problems = model.problems();
        if (!problems.isEmpty()) {
            throw new InvalidModelException(problems);
        }
        ModelVersion draft = repository.model(repository.insertDraft(model, description)).orElseThrow();
        auditTrail.record("scoring-model.draft-created", "scoring-model", String.valueOf(draft.version()),
                java.util.Map.of("description", description == null ? "" : description));
        return draft;
    }

    /**
     * Creates the draft once per idempotency key: a retry with the same key and request gets the stored first answer and
     * makes no second draft.
     *
     * @throws InvalidModelException naming what is inconsistent
     */
    @Transactional
    public IdempotencyStore.Answer createDraft(ScoringModel model, String description, IdempotencyKey key,
                                              java.util.function.Function<ModelVersion, StoredResponse> answer) {
        return idempotency.once(key, () -> answer.apply(createDraft(model, description)));
    }

    /** Activates a draft and starts rescoring every customer with it; returns the job. */
    public RescoreJob activate(int version) {
        RescoreJob job = QuarkusTransaction.requiringNew().call(() -> {
            ModelVersion model = repository.model(version).orElseThrow(() -> new ModelNotFoundException(version));
            if (!"DRAFT".equals(model.status())) {
                throw new ModelNotDraftException(version, model.status());
            }
            List<String> problems = model.model().problems();
            if (!problems.isEmpty()) {
                // a draft stored before the model's present shape
                throw new InvalidModelException(problems);
            }
            repository.activate(version);
            RescoreJob created = new RescoreJob(UUID.randomUUID(), version, "RUNNING", repository.countCustomers(), 0, null,
                    clock.instant(), null);
            repository.saveJob(created);
            auditTrail.record("scoring-model.activated", "scoring-model", String.valueOf(version),
                    java.util.Map.of("rescoreJob", created.id().toString()));
            return created;
        });
        rescorer.submit(() -> run(job.id()));
        return job;
    }

    @Transactional
    public Optional<RescoreJob> job(UUID id) {
        return repository.job(id);
    }

    private void run(UUID jobId) {
        try {
            boolean more = true;
            while (more && !stopping) {
                more = QuarkusTransaction.requiringNew().call(() -> rescoreBatch(jobId));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "rescore job %s stopped; it resumes at the next start", jobId);
        }
    }

    /** One batch: the next customers in id order, rescored with the job's model; false when the job is done. */
    private boolean rescoreBatch(UUID jobId) {
        RescoreJob job = repository.job(jobId).orElseThrow();
        ModelVersion active = scoring.activeModel();
        if (active.version() != job.modelVersion()) {
            repository.saveJob(new RescoreJob(job.id(), job.modelVersion(), "SUPERSEDED", job.total(), job.done(),
                    job.lastCustomerId(), job.startedAt(), clock.instant()));
            return false;
        }
        List<UUID> batch = repository.customerIdsAfter(job.lastCustomerId(), BATCH_SIZE);
        if (!batch.isEmpty()) {
            scoring.rescore(batch, active, "model-" + active.version());
        }
        boolean done = batch.size() < BATCH_SIZE;
        long processed = job.done() + batch.size();
        repository.saveJob(new RescoreJob(job.id(), job.modelVersion(), done ? "DONE" : "RUNNING", Math.max(job.total(), processed),
                processed, batch.isEmpty() ? job.lastCustomerId() : batch.get(batch.size() - 1), job.startedAt(),
                done ? clock.instant() : null));
        return !done;
    }
}
