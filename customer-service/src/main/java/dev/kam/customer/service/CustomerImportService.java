package dev.kam.customer.service;

import dev.kam.customer.domain.CustomerProfile;
import dev.kam.customer.domain.InvalidProfileException;
import dev.kam.customer.domain.ProfileViolation;
import dev.kam.foundation.audit.CurrentActor;
import dev.kam.foundation.idempotency.IdempotencyStore;
import dev.kam.foundation.idempotency.StoredResponse;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.foundation.rest.NdjsonLines;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.function.Function;

/**
 * Bulk import: one customer per NDJSON line, upserted by its first external reference. Reads the stream
 * line by line and commits in batches, so memory stays flat whatever the file's size; a bad line is
 * reported with its number and never stops the good ones.
 */
@ApplicationScoped
public class CustomerImportService {

    private static final Logger LOG = Logger.getLogger(CustomerImportService.class);
    /** Lines per transaction: large enough to amortise commits, small enough to redo line by line. */
    static final int BATCH_SIZE = 500;
    /** A transaction also ends once its lines hold this much text, so a file of large profiles cannot fill the heap. */
    static final long BATCH_CHARS = 4L * 1024 * 1024;
    /** Error details kept for the report; beyond that only counted, so a file of garbage cannot exhaust memory. */
    public static final int MAX_REPORTED_ERRORS = 1000;

    /** A line that parsed into a profile, or the violations that stopped it. */
    public record ParsedLine(long line, CustomerProfile profile, List<ProfileViolation> violations) {
    }

    /** Turns one NDJSON line into a profile or violations; supplied by the REST layer (JSON and bean validation). */
    @FunctionalInterface
    public interface LineParser {
        ParsedLine parse(long lineNumber, String line);
    }

    public record LineError(long line, List<ProfileViolation> violations) {
    }

    public record Report(long accepted, long rejected, long created, long updated, long unchanged,
                         List<LineError> errors, boolean errorsTruncated) {
    }

    private final CustomerService customers;
    private final OutboxWriter outbox;
    private final IdempotencyStore idempotency;
    private final CurrentActor actor;

    CustomerImportService(CustomerService customers, OutboxWriter outbox, IdempotencyStore idempotency, CurrentActor actor) {
        this.idempotency = idempotency;
        this.actor = actor;
        this.outbox = outbox;
        this.customers = customers;
    }

    /**
     * Reads, parses and checks the lines on a thread of its own while the request's thread stores the chunk before:
     * parsing is CPU and storing mostly waits for the database, so each hides the other. Chunks are stored in the
     * order of the file, one at a time, so the events of a customer named on several lines keep that order. At most
     * three chunks exist at once (being read, waiting, being stored), so memory stays flat whatever the file's size.
     */
    /** The operation an {@code Idempotency-Key} of a synchronous import applies to. */
    static final String IMPORT = "POST /api/v1/customer-imports";

    /**
     * {@link #importLines(NdjsonLines, LineParser)} under an optional {@code Idempotency-Key}: once a key was answered,
     * the same file sent with it is only read and gets the first report again; another file gets the 422. Two requests
     * with one key at the same time may both import (each line is an upsert, so the later finds its lines unchanged).
     *
     * @param idempotencyKey null when the caller sent none
     */
    public IdempotencyStore.Answer importLines(NdjsonLines lines, LineParser parser, String idempotencyKey, Function<Report, StoredResponse> answer) {
        return idempotency.onceStreamed(IMPORT, actor.name(), idempotencyKey, lines, () -> importLines(lines, parser), answer, report -> {
            // a request with the same key answered first: its answer is given, these lines took effect once all the same
        });
    }

    public Report importLines(NdjsonLines lines, LineParser parser) {
        Tally stored = new Tally();
        Tally refusedOnReading = new Tally();
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(1);
        AtomicBoolean abandoned = new AtomicBoolean();
        Thread reader = new Thread(() -> readChunks(lines, parser, refusedOnReading, chunks, abandoned), "customer-import-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Chunk chunk = chunks.take();
                if (chunk.failure() != null) {
                    // the body broke off (the client went away, or its body stalled: 408): the batch in progress is not
                    // imported; batches committed before stay, and find their lines unchanged when the file is sent again
                    throw chunk.failure();
                }
                if (!chunk.lines().isEmpty()) {
                    store(chunk.lines(), stored);
                }
                if (chunk.last()) {
                    break;
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        } finally {
            abandoned.set(true); // a reader still waiting to hand over a chunk gives up
        }
        stored.add(refusedOnReading); // the reader has ended: its tally is complete and visible here
        return stored.report();
    }

    /** Lines for one transaction; {@code failure}: the reading broke off after them. */
    private record Chunk(List<ParsedLine> lines, RuntimeException failure, boolean last) {
    }

    private void readChunks(NdjsonLines lines, LineParser parser, Tally refused, BlockingQueue<Chunk> chunks, AtomicBoolean abandoned) {
        List<ParsedLine> chunk = new ArrayList<>(BATCH_SIZE);
        long chunkChars = 0;
        long number = 0;
        try {
            NdjsonLines.Line line;
            while ((line = lines.next()) != null) {
                number = line.number();
                if (!line.readable()) {
                    refused.reject(number, List.of(new ProfileViolation("line", line.problem())));
                    continue;
                }
                ParsedLine parsed = parser.parse(number, line.text());
                if (!parsed.violations().isEmpty()) {
                    refused.reject(parsed.line(), parsed.violations());
                    continue;
                }
                chunk.add(parsed);
                chunkChars += line.text().length();
                if (chunk.size() == BATCH_SIZE || chunkChars >= BATCH_CHARS) {
                    if (!handOver(chunks, new Chunk(chunk, null, false), abandoned)) {
                        return;
                    }
                    chunk = new ArrayList<>(BATCH_SIZE);
                    chunkChars = 0;
                }
            }
            handOver(chunks, new Chunk(chunk, null, true), abandoned);
        } catch (IOException e) {
            handOver(chunks, new Chunk(chunk, new UncheckedIOException("the import stream broke off after line " + number, e), true), abandoned);
        } catch (RuntimeException | Error e) {
            handOver(chunks, new Chunk(chunk, e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e), true), abandoned);
        }
    }

    /** @return false when the storing side gave up (it failed, or the request ended) */
    private static boolean handOver(BlockingQueue<Chunk> chunks, Chunk chunk, AtomicBoolean abandoned) {
        try {
            while (!abandoned.get()) {
                if (chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** One transaction for the batch; if it fails as a whole, each line again in a transaction of its own. */
    private void store(List<ParsedLine> batch, Tally tally) {
        try {
            Tally batchTally = new Tally();
            QuarkusTransaction.requiringNew().run(() -> recordingTogether(() -> storeTogether(batch, batchTally)));
            tally.add(batchTally);
        } catch (RuntimeException batchFailure) {
            LOG.warnf("import batch failed (%s), storing its %d lines one by one", batchFailure.getMessage(), batch.size());
            for (ParsedLine line : batch) {
                try {
                    Tally lineTally = new Tally();
                    QuarkusTransaction.requiringNew().run(() -> storeTogether(List.of(line), lineTally));
                    tally.add(lineTally);
                } catch (RuntimeException lineFailure) {
                    tally.reject(line.line(), List.of(new ProfileViolation("line", "could not be stored: " + lineFailure.getMessage())));
                }
            }
        }
    }

    /** The chunk's lines as one group of upserts by their first reference (see {@link CustomerService#upsertAllWithin}). */
    private void storeTogether(List<ParsedLine> batch, Tally tally) {
        List<CustomerService.UpsertOutcome> outcomes = customers.upsertAllWithin(batch.stream()
                .map(line -> new CustomerService.Upsert(line.profile().externalRefs().get(0), null, line.profile())).toList(), (index, work) -> work.run());
        for (int i = 0; i < batch.size(); i++) {
            CustomerService.UpsertOutcome outcome = outcomes.get(i);
            if (outcome.result() != null) {
                tally.accept(outcome.result().outcome());
            } else {
                tally.reject(batch.get(i).line(), violations(outcome.refusal()));
            }
        }
    }

    private static List<ProfileViolation> violations(RuntimeException refusal) {
        return refusal instanceof InvalidProfileException invalid ? invalid.violations()
                : List.of(new ProfileViolation("externalRefs", refusal.getMessage()));
    }

    /** The batch's events (and audit entries) are written together at its end: one round trip, not one per line. */
    private void recordingTogether(Runnable work) {
        try {
            outbox.recordingTogether(work::run);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts of one import (or one batch, merged into the import's when its transaction commits). */
    private static final class Tally {
        long created;
        long updated;
        long unchanged;
        long rejected;
        final List<LineError> errors = new ArrayList<>();
        boolean truncated;

        void accept(CustomerService.Outcome outcome) {
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }

        void reject(long line, List<ProfileViolation> violations) {
            rejected++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new LineError(line, violations));
            } else {
                truncated = true;
            }
        }

        void add(Tally other) {
            created += other.created;
            updated += other.updated;
            unchanged += other.unchanged;
            other.errors.forEach(error -> reject(error.line(), error.violations()));
            rejected += other.rejected - other.errors.size();
            truncated |= other.truncated;
        }

        Report report() {
            List<LineError> sorted = errors.stream().sorted(Comparator.comparingLong(LineError::line)).toList();
            return new Report(created + updated + unchanged, rejected, created, updated, unchanged, sorted, truncated);
        }
    }
}
