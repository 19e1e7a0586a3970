package dev.kam.customer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.customer.domain.InvalidProfileException;
import dev.kam.customer.domain.ProfileViolation;
import dev.kam.customer.repository.ImportJobRepository;
import dev.kam.customer.repository.ImportJobRepository.ChunkCounts;
import dev.kam.customer.repository.ImportJobRepository.ImportJob;
import dev.kam.customer.repository.ImportJobRepository.PendingChunk;
import dev.kam.customer.service.CustomerImportService.LineParser;
import dev.kam.customer.service.CustomerImportService.ParsedLine;
import dev.kam.foundation.audit.CurrentActor;
import dev.kam.foundation.idempotency.IdempotencyStore;
import dev.kam.foundation.idempotency.StoredResponse;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.foundation.rest.NdjsonLines;
import dev.kam.foundation.inbox.TransientFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Bulk imports as jobs, the way CRM bulk APIs work: the upload is stored in chunks and answered at once (202); an
 * importer thread on every instance then imports the oldest waiting job chunk by chunk, each chunk in one transaction
 * with its customers, its per-line results and the job's counts. A job survives a restart and goes on on any instance;
 * a chunk imported again after a failure finds its customers unchanged (upserts by external reference), so every line
 * takes effect once. Lines are imported as the synchronous import does them, with the same parser and limits.
 */
@ApplicationScoped
public class CustomerImportJobs {

    private static final Logger LOG = Logger.getLogger(CustomerImportJobs.class);

    /** How long a finished job and its results are kept, and the most lines one job takes. */
    @ConfigMapping(prefix = "kam.import-jobs")
    public interface Settings {
        /** Finished jobs and their per-line results are deleted this long after they finished. */
        @WithDefault("P7D")
        Duration keepFor();

        /** The most lines one job takes; a longer upload is refused (413) and nothing of it is kept. */
        @WithDefault("1000000")
        long maxLines();

        /** The most bytes one upload takes (the lines are kept in the database until imported); a larger one is refused (413). */
        @WithDefault("1G")
        MemorySize maxBytes();

        /** Whether this instance imports waiting jobs (every instance does by default; jobs are shared through the database). */
        @WithDefault("true")
        boolean importerEnabled();
    }

    /** One line's outcome: CREATED, UPDATED, UNCHANGED or REJECTED (with the violations). */
    public record LineResult(long line, String outcome, UUID customerId, List<ProfileViolation> violations) {
    }

    /** An upload with more lines or bytes than a job takes. */
    public static class UploadTooLargeException extends RuntimeException {
        UploadTooLargeException(String message) {
            super(message);
        }
    }

    /** Whole-chunk attempts that failed for a lasting reason before the chunk is imported line by line. */
    static final int ATTEMPTS_BEFORE_LINE_BY_LINE = 3;

    private final ImportJobRepository jobs;
    private final CustomerService customers;
    private final OutboxWriter outbox;
    private final CurrentActor actor;
    private final ObjectMapper json;
    private final Settings settings;
    private final LineParser parser;
    private final Clock clock;
    private final IdempotencyStore idempotency;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread importer;

    CustomerImportJobs(ImportJobRepository jobs, CustomerService customers, OutboxWriter outbox, CurrentActor actor,
                       ObjectMapper json, Settings settings, LineParser parser, Clock clock, IdempotencyStore idempotency) {
        this.idempotency = idempotency;
        this.parser = parser;
        this.jobs = jobs;
        this.customers = customers;
        this.outbox = outbox;
        this.actor = actor;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** The operation an {@code Idempotency-Key} of a job submission applies to. */
    static final String SUBMIT = "POST /api/v1/customer-import-jobs";

    /**
     * Stores the upload as a job waiting to be imported. The lines are kept as they came (unreadable ones with their
     * problem); nothing is parsed yet, so the answer comes as soon as the body is stored. With an {@code Idempotency-Key}
     * answered before, the upload is only read, to tell a retry (the first answer again, no second job) from another
     * upload under the same key (422).
     *
     * @param idempotencyKey null when the caller sent none
     * @param answer         the answer to store for the key, made from the queued job
     * @throws UploadTooLargeException after deleting what was stored, when the upload has more lines or bytes than a job takes
     */
    public IdempotencyStore.Answer submit(NdjsonLines lines, String idempotencyKey, Function<ImportJob, StoredResponse> answer) {
        IdempotencyStore.Answer submitted = idempotency.onceStreamed(SUBMIT, actor.name(), idempotencyKey, lines, () -> receive(lines),
                upload -> {
                    jobs.queue(upload.id(), upload.lines());
                    return answer.apply(jobs.find(upload.id()).orElseThrow());
                },
                upload -> discard(upload.id()));
        if (!submitted.replayed()) {
            wakeUps.release();
        }
        return submitted;
    }

    /** An upload stored as a job that is not queued yet. */
    private record Upload(UUID id, long lines) {
    }

    /** Stores the upload's lines in chunks under a new job, RECEIVING until it is queued. */
    private Upload receive(NdjsonLines lines) {
        UUID id = UUID.randomUUID();
        String submittedBy = actor.name();
        QuarkusTransaction.requiringNew().run(() -> jobs.create(id, submittedBy, clock.instant()));
        long count = 0;
        long received = 0;
        try {
            Chunk chunk = new Chunk(0);
            NdjsonLines.Line line;
            while ((line = lines.next()) != null) {
                count = line.number();
                if (++received > settings.maxLines()) {
                    throw new UploadTooLargeException("an import job takes at most " + settings.maxLines()
                            + " lines (kam.import-jobs.max-lines); split the file into several jobs");
                }
                if (lines.bytesRead() > settings.maxBytes().asLongValue()) {
                    throw new UploadTooLargeException("an import job takes at most " + settings.maxBytes().asLongValue()
                            + " bytes (kam.import-jobs.max-bytes); split the file into several jobs");
                }
                chunk.add(line);
                if (chunk.full()) {
                    chunk = chunk.storeAndStartNext(id);
                }
            }
            chunk.storeAndStartNext(id);
        } catch (IOException e) {
            discard(id);
            throw new UncheckedIOException("the upload broke off after line " + count, e);
        } catch (RuntimeException e) {
            discard(id);
            throw e;
        }
        return new Upload(id, received);
    }

    /** The uploaded lines of one chunk, as many as the synchronous import stores in one transaction. */
    private final class Chunk {
        private final int number;
        private final List<Long> lineNumbers = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private long chars;

        Chunk(int number) {
            this.number = number;
        }

        void add(NdjsonLines.Line line) {
            lineNumbers.add(line.number());
            texts.add(line.readable() ? line.text() : null);
            problems.add(line.problem());
            chars += line.readable() ? line.text().length() : 0;
        }

        boolean full() {
            return lineNumbers.size() >= CustomerImportService.BATCH_SIZE || chars >= CustomerImportService.BATCH_CHARS;
        }

        Chunk storeAndStartNext(UUID jobId) {
            if (lineNumbers.isEmpty()) {
                return this;
            }
            QuarkusTransaction.requiringNew().run(() -> jobs.addChunk(jobId, number, lineNumbers, texts, problems));
            return new Chunk(number + 1);
        }
    }

    private void discard(UUID id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> jobs.delete(id));
        } catch (RuntimeException e) {
            LOG.warnf("could not delete the broken-off import job %s (it expires): %s", id, e.getMessage());
        }
    }

    public Optional<ImportJob> job(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.find(id));
    }

    /** A job as it stood when the page of its results was read, in line order after {@code afterLine}. */
    public record ResultPage(ImportJob job, long afterLine, List<LineResult> results) {
    }

    /**
     * The job and its per-line results after the line {@code afterLine} gives, read in one transaction so the two agree.
     * {@code afterLine} is asked only for a job that exists (an unknown job is not found, whatever the cursor).
     */
    public Optional<ResultPage> results(UUID id, LongSupplier afterLine, String outcome, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.find(id).map(job -> {
            long after = afterLine.getAsLong();
            return new ResultPage(job, after, jobs.results(id, after, outcome, limit).stream().map(this::read).toList());
        }));
    }

    // --- the importer ------------------------------------------------------------------------------------

    void onStart(@Observes StartupEvent event) {
        if (!settings.importerEnabled()) {
            return;
        }
        running = true;
        importer = new Thread(this::importWaitingJobs, "customer-import-jobs");
        importer.setDaemon(true);
        importer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (importer != null) {
            importer.interrupt();
        }
    }

    private void importWaitingJobs() {
        Instant nextCleanUp = Instant.EPOCH;
        while (running) {
            try {
                if (clock.instant().isAfter(nextCleanUp)) {
                    Instant now = clock.instant();
                    QuarkusTransaction.requiringNew().run(() -> jobs.deleteExpired(now.minus(settings.keepFor()), now.minus(Duration.ofHours(1))));
                    nextCleanUp = now.plus(Duration.ofMinutes(10));
                }
                if (!importNextChunk()) {
                    wakeUps.tryAcquire(1, TimeUnit.SECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "importing a chunk failed; it is tried again");
                sleepQuietly();
            }
        }
    }

    /**
     * Imports the next chunk of the oldest waiting job in one transaction. When that fails for a lasting reason (the
     * database refuses something in it), the failure is counted on the chunk; after {@link #ATTEMPTS_BEFORE_LINE_BY_LINE}
     * such failures the chunk is imported line by line, so a line that cannot be stored is reported REJECTED and the
     * job, and every job after it, goes on. A passing fault (connection lost, lock conflict) is only tried again.
     *
     * @return whether a chunk was imported
     */
    boolean importNextChunk() {
        AtomicReference<PendingChunk> taken = new AtomicReference<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<PendingChunk> next = jobs.lockNextChunk();
                if (next.isEmpty()) {
                    return false;
                }
                PendingChunk chunk = next.get();
                taken.set(chunk);
                String submittedBy = jobs.find(chunk.jobId()).map(ImportJob::submittedBy).orElse(null);
                List<LineResult> results = new ArrayList<>();
                if (chunk.failedAttempts() < ATTEMPTS_BEFORE_LINE_BY_LINE) {
                    actor.actingFor(submittedBy, () -> results.addAll(importTogether(chunk)));
                } else {
                    LOG.warnf("import job %s: chunk %d failed %d times as a whole; importing it line by line", chunk.jobId(), chunk.chunk(),
                            chunk.failedAttempts());
                    actor.actingFor(submittedBy, () -> results.addAll(importLineByLine(chunk)));
                }
                long created = count(results, "CREATED");
                long updated = count(results, "UPDATED");
                long unchanged = count(results, "UNCHANGED");
                jobs.completeChunk(chunk, write(results),
                        new ChunkCounts(results.size(), created, updated, unchanged, results.size() - created - updated - unchanged), clock.instant());
                return true;
            });
        } catch (RuntimeException failure) {
            PendingChunk chunk = taken.get();
            if (chunk != null && !TransientFailures.isTransient(failure)) {
                QuarkusTransaction.requiringNew().run(() -> jobs.recordFailedAttempt(chunk.jobId(), chunk.chunk()));
            }
            throw failure;
        }
    }

    /** The chunk in the importer's transaction: its customers, events and results commit together. */
    private List<LineResult> importTogether(PendingChunk chunk) {
        return importLines(chunk, 0, chunk.lineNumbers().size());
    }

    /**
     * Each line in a transaction of its own, beside the importer's, which still holds the job and records the results:
     * a line stored here and then imported again (the importer's transaction lost before it committed) finds its
     * customer unchanged, so it takes effect once all the same.
     */
    private List<LineResult> importLineByLine(PendingChunk chunk) {
        List<LineResult> results = new ArrayList<>();
        for (int i = 0; i < chunk.lineNumbers().size(); i++) {
            int index = i;
            try {
                results.addAll(QuarkusTransaction.requiringNew().call(() -> importLines(chunk, index, index + 1)));
            } catch (RuntimeException failure) {
                if (TransientFailures.isTransient(failure)) {
                    throw failure; // the database went away: the whole chunk is tried again, nothing is rejected for it
                }
                results.add(rejected(chunk.lineNumbers().get(index), List.of(new ProfileViolation("line", "could not be stored: " + TransientFailures.rootMessage(failure)))));
            }
        }
        return results;
    }

    /** Lines {@code from} (inclusive) to {@code to} of the chunk parsed and upserted together (their events written together), in line order. */
    private List<LineResult> importLines(PendingChunk chunk, int from, int to) {
        List<ParsedLine> parsed = new ArrayList<>();
        LineResult[] byIndex = new LineResult[to - from];
        List<Integer> parsedIndex = new ArrayList<>();
        for (int i = from; i < to; i++) {
            long number = chunk.lineNumbers().get(i);
            String text = chunk.texts().get(i);
            if (text == null) {
                byIndex[i - from] = rejected(number, List.of(new ProfileViolation("line", chunk.problems().get(i))));
                continue;
            }
            ParsedLine line = parser.parse(number, text);
            if (!line.violations().isEmpty()) {
                byIndex[i - from] = rejected(number, line.violations());
                continue;
            }
            parsed.add(line);
            parsedIndex.add(i - from);
        }
        try {
            outbox.recordingTogether(() -> {
                List<CustomerService.UpsertOutcome> outcomes = customers.upsertAllWithin(parsed.stream()
                        .map(line -> new CustomerService.Upsert(line.profile().externalRefs().get(0), null, line.profile())).toList(),
                        (index, work) -> work.run());
                for (int i = 0; i < outcomes.size(); i++) {
                    CustomerService.UpsertOutcome outcome = outcomes.get(i);
                    long number = parsed.get(i).line();
                    byIndex[parsedIndex.get(i)] = outcome.result() != null
                            ? new LineResult(number, outcome.result().outcome().name(), outcome.result().customer().id(), List.of())
                            : rejected(number, outcome.refusal() instanceof InvalidProfileException invalid ? invalid.violations()
                                    : List.of(new ProfileViolation("externalRefs", outcome.refusal().getMessage())));
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return List.of(byIndex);
    }

    private static LineResult rejected(long line, List<ProfileViolation> violations) {
        return new LineResult(line, "REJECTED", null, violations);
    }

    private static long count(List<LineResult> results, String outcome) {
        return results.stream().filter(result -> result.outcome().equals(outcome)).count();
    }

    private String write(List<LineResult> results) {
        try {
            return json.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private LineResult read(String stored) {
        try {
            return json.readValue(stored, LineResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
