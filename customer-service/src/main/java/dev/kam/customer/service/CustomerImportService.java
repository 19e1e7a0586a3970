package dev.kam.customer.service;

import dev.kam.customer.domain.CustomerArchivedException;
import dev.kam.customer.domain.CustomerProfile;
import dev.kam.customer.domain.ExternalRef;
import dev.kam.customer.domain.ExternalRefConflictException;
import dev.kam.customer.domain.InvalidProfileException;
import dev.kam.customer.domain.ProfileViolation;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.foundation.rest.NdjsonLines;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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
    private final EntityManager entityManager;
    private final OutboxWriter outbox;

    CustomerImportService(CustomerService customers, EntityManager entityManager, OutboxWriter outbox) {
        this.outbox = outbox;
        this.customers = customers;
        this.entityManager = entityManager;
    }

    public Report importLines(NdjsonLines lines, LineParser parser) {
        Tally tally = new Tally();
        List<ParsedLine> batch = new ArrayList<>(BATCH_SIZE);
        long number = 0;
        try {
            NdjsonLines.Line line;
            while ((line = lines.next()) != null) {
                number = line.number();
                if (!line.readable()) {
                    tally.reject(number, List.of(new ProfileViolation("line", line.problem())));
                    continue;
                }
                ParsedLine parsed = parser.parse(number, line.text());
                if (!parsed.violations().isEmpty()) {
                    tally.reject(parsed.line(), parsed.violations());
                    continue;
                }
                batch.add(parsed);
                if (batch.size() == BATCH_SIZE) {
                    store(batch, tally);
                    batch.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the import stream broke off after line " + number, e);
        } finally {
            if (!batch.isEmpty()) {
                store(batch, tally);
            }
        }
        return tally.report();
    }

    /** One transaction for the batch; if it fails as a whole, each line again in a transaction of its own. */
    private void store(List<ParsedLine> batch, Tally tally) {
        try {
            Tally batchTally = new Tally();
            QuarkusTransaction.requiringNew().run(() -> recordingTogether(() -> batch.forEach(line -> upsert(line, batchTally))));
            tally.add(batchTally);
        } catch (RuntimeException batchFailure) {
            LOG.warnf("import batch failed (%s), storing its %d lines one by one", batchFailure.getMessage(), batch.size());
            for (ParsedLine line : batch) {
                try {
                    Tally lineTally = new Tally();
                    QuarkusTransaction.requiringNew().run(() -> upsert(line, lineTally));
                    tally.add(lineTally);
                } catch (RuntimeException lineFailure) {
                    tally.reject(line.line(), List.of(new ProfileViolation("line", "could not be stored: " + lineFailure.getMessage())));
                }
            }
        }
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

    private void upsert(ParsedLine line, Tally tally) {
        ExternalRef key = line.profile().externalRefs().get(0);
        try {
            CustomerService.Result result = customers.upsertWithin(key, null, line.profile());
            tally.accept(result.outcome());
        } catch (InvalidProfileException e) {
            tally.reject(line.line(), e.violations());
        } catch (ExternalRefConflictException e) {
            tally.reject(line.line(), List.of(new ProfileViolation("externalRefs", e.getMessage())));
        } catch (CustomerArchivedException e) {
            tally.reject(line.line(), List.of(new ProfileViolation("externalRefs", e.getMessage())));
        }
        // Written lines need not stay managed: with them all in the persistence context, every query of every
        // later line would dirty-check the whole batch first.
        entityManager.flush();
        entityManager.clear();
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
            List<LineError> sorted = errors.stream().sorted(java.util.Comparator.comparingLong(LineError::line)).toList();
            return new Report(created + updated + unchanged, rejected, created, updated, unchanged, sorted, truncated);
        }
    }
}
