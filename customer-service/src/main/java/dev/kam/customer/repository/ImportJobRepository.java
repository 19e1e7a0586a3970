package dev.kam.customer.repository;

import dev.kam.foundation.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Import jobs, their uploaded chunks and their per-line results (V3__import_jobs.sql). */
@ApplicationScoped
public class ImportJobRepository {

    public enum Status { RECEIVING, QUEUED, RUNNING, DONE }

    public record ImportJob(UUID id, Status status, String submittedBy, long lines, long processed, long created, long updated,
                            long unchanged, long rejected, Instant submittedAt, Instant startedAt, Instant finishedAt) {
    }

    /**
     * The uploaded lines of one chunk not imported yet; a null text is a line that could not be read, for {@code problem}.
     *
     * @param failedAttempts how often importing it as a whole failed for a reason that does not go away by itself
     */
    public record PendingChunk(UUID jobId, int chunk, List<Long> lineNumbers, List<String> texts, List<String> problems,
                               int failedAttempts) {
    }

    /** Counts of one imported chunk, added to its job's. */
    public record ChunkCounts(long lines, long created, long updated, long unchanged, long rejected) {
    }

    private final EntityManager em;

    ImportJobRepository(EntityManager em) {
        this.em = em;
    }

    public void create(UUID id, String submittedBy, Instant now) {
        Jdbc.update(em, """
                INSERT INTO import_job (id, status, submitted_by, lines, submitted_at) VALUES (?, 'RECEIVING', ?, 0, ?)""",
                (connection, statement) -> {
                    statement.setObject(1, id);
                    statement.setString(2, submittedBy);
                    Jdbc.setInstant(statement, 3, now);
                });
    }

    public void addChunk(UUID jobId, int chunk, List<Long> lineNumbers, List<String> texts, List<String> problems) {
        Jdbc.update(em, """
                INSERT INTO import_job_chunk (job_id, chunk, first_line, last_line, line_numbers, texts, problems)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", (connection, statement) -> {
            statement.setObject(1, jobId);
            statement.setInt(2, chunk);
            statement.setLong(3, lineNumbers.get(0));
            statement.setLong(4, lineNumbers.get(lineNumbers.size() - 1));
            statement.setArray(5, connection.createArrayOf("bigint", lineNumbers.toArray()));
            statement.setArray(6, connection.createArrayOf("text", texts.toArray()));
            statement.setArray(7, connection.createArrayOf("text", problems.toArray()));
        });
    }

    /** The upload is complete: the job waits for the importer, behind every job accepted before it. */
    public void queue(UUID jobId, long lines) {
        Jdbc.update(em, """
                UPDATE import_job SET status = 'QUEUED', lines = ?, queue_position = nextval('import_job_queue_position')
                WHERE id = ?""", (connection, statement) -> {
            statement.setLong(1, lines);
            statement.setObject(2, jobId);
        });
    }

    /** An upload that broke off, or was refused: nothing of it stays. */
    public void delete(UUID jobId) {
        Jdbc.update(em, "DELETE FROM import_job WHERE id = ?", (connection, statement) -> statement.setObject(1, jobId));
    }

    public Optional<ImportJob> find(UUID id) {
        return Jdbc.query(em, """
                SELECT id, status, submitted_by, lines, processed, created, updated, unchanged, rejected, submitted_at, started_at, finished_at
                FROM import_job WHERE id = ?""", (connection, statement) -> statement.setObject(1, id),
                ImportJobRepository::toJob).stream().findFirst();
    }

    /**
     * The next chunk of the job accepted first among those not done, that job locked for this transaction: jobs are
     * imported one after another in the order they were accepted, a job's chunks in the order of its file. While another
     * instance imports that job, there is nothing to do here (a later job waits; it never goes first).
     */
    public Optional<PendingChunk> lockNextChunk() {
        List<UUID> first = Jdbc.query(em, """
                SELECT id FROM import_job WHERE status IN ('QUEUED', 'RUNNING') ORDER BY queue_position LIMIT 1""",
                row -> row.getObject(1, UUID.class));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<UUID> job = Jdbc.query(em, """
                SELECT id FROM import_job WHERE id = ? AND status IN ('QUEUED', 'RUNNING') FOR UPDATE SKIP LOCKED""",
                (connection, statement) -> statement.setObject(1, first.get(0)), row -> row.getObject(1, UUID.class));
        if (job.isEmpty()) {
            return Optional.empty(); // another instance imports it, or finished it a moment ago (the next pass sees which)
        }
        List<PendingChunk> chunk = Jdbc.query(em, """
                SELECT job_id, chunk, line_numbers, texts, problems, failed_attempts FROM import_job_chunk
                WHERE job_id = ? AND imported_at IS NULL ORDER BY chunk LIMIT 1""",
                (connection, statement) -> statement.setObject(1, job.get(0)),
                row -> new PendingChunk(row.getObject(1, UUID.class), row.getInt(2), longs(row.getArray(3)), strings(row.getArray(4)),
                        strings(row.getArray(5)), row.getInt(6)));
        if (chunk.isEmpty()) { // every chunk imported (a job queued empty, or finished by a pass that stopped short)
            finish(job.get(0));
            return lockNextChunk();
        }
        return Optional.of(chunk.get(0));
    }

    /** Importing the chunk as a whole failed (in a transaction that was rolled back). */
    public void recordFailedAttempt(UUID jobId, int chunk) {
        Jdbc.update(em, "UPDATE import_job_chunk SET failed_attempts = failed_attempts + 1 WHERE job_id = ? AND chunk = ?",
                (connection, statement) -> {
                    statement.setObject(1, jobId);
                    statement.setInt(2, chunk);
                });
    }

    /** Records the chunk's results, forgets its uploaded lines and adds its counts to the job's. */
    public void completeChunk(PendingChunk chunk, String resultsJson, ChunkCounts counts, Instant now) {
        Jdbc.update(em, """
                UPDATE import_job_chunk SET results = CAST(? AS jsonb), imported_at = ?, line_numbers = NULL, texts = NULL, problems = NULL
                WHERE job_id = ? AND chunk = ?""", (connection, statement) -> {
            statement.setString(1, resultsJson);
            Jdbc.setInstant(statement, 2, now);
            statement.setObject(3, chunk.jobId());
            statement.setInt(4, chunk.chunk());
        });
        Jdbc.update(em, """
                UPDATE import_job SET status = CASE WHEN processed + ? >= lines THEN 'DONE' ELSE 'RUNNING' END,
                    processed = processed + ?, created = created + ?, updated = updated + ?, unchanged = unchanged + ?,
                    rejected = rejected + ?, started_at = COALESCE(started_at, CAST(? AS timestamptz)),
                    finished_at = CASE WHEN processed + ? >= lines THEN CAST(? AS timestamptz) END
                WHERE id = ?""", (connection, statement) -> {
            statement.setLong(1, counts.lines());
            statement.setLong(2, counts.lines());
            statement.setLong(3, counts.created());
            statement.setLong(4, counts.updated());
            statement.setLong(5, counts.unchanged());
            statement.setLong(6, counts.rejected());
            Jdbc.setInstant(statement, 7, now);
            statement.setLong(8, counts.lines());
            Jdbc.setInstant(statement, 9, now);
            statement.setObject(10, chunk.jobId());
        });
    }

    private void finish(UUID jobId) {
        Jdbc.update(em, """
                UPDATE import_job SET status = 'DONE', started_at = COALESCE(started_at, now()), finished_at = now()
                WHERE id = ?""", (connection, statement) -> statement.setObject(1, jobId));
    }

    /**
     * Per-line results after line {@code afterLine}, in line order, as stored JSON objects.
     *
     * @param outcome only lines with this outcome (null: all)
     */
    public List<String> results(UUID jobId, long afterLine, String outcome, int limit) {
        return Jdbc.query(em, """
                SELECT CAST(r.line AS text) FROM import_job_chunk c CROSS JOIN LATERAL jsonb_array_elements(c.results) AS r(line)
                WHERE c.job_id = ? AND c.last_line > ? AND c.results IS NOT NULL AND CAST(r.line ->> 'line' AS bigint) > ?
                  AND (CAST(? AS text) IS NULL OR r.line ->> 'outcome' = ?)
                ORDER BY CAST(r.line ->> 'line' AS bigint) LIMIT ?""", (connection, statement) -> {
            statement.setObject(1, jobId);
            statement.setLong(2, afterLine);
            statement.setLong(3, afterLine);
            statement.setString(4, outcome);
            statement.setString(5, outcome);
            statement.setInt(6, limit);
        }, row -> row.getString(1));
    }

    /** Jobs finished before {@code finishedBefore}, and uploads that broke off before {@code receivingBefore}, with their results. */
    public int deleteExpired(Instant finishedBefore, Instant receivingBefore) {
        return Jdbc.update(em, "DELETE FROM import_job WHERE (status = 'DONE' AND finished_at < ?) OR (status = 'RECEIVING' AND submitted_at < ?)",
                (connection, statement) -> {
                    Jdbc.setInstant(statement, 1, finishedBefore);
                    Jdbc.setInstant(statement, 2, receivingBefore);
                });
    }

    private static ImportJob toJob(ResultSet row) throws SQLException {
        return new ImportJob(row.getObject(1, UUID.class), Status.valueOf(row.getString(2)), row.getString(3), row.getLong(4),
                row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9), Jdbc.instant(row, 10),
                Jdbc.instant(row, 11), Jdbc.instant(row, 12));
    }

    private static List<Long> longs(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
