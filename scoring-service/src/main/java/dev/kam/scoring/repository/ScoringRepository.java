package dev.kam.scoring.repository;

import dev.kam.foundation.persistence.Jdbc;
import dev.kam.foundation.persistence.StoredJson;
import dev.kam.scoring.domain.CustomerFacts;
import dev.kam.scoring.domain.Designation;
import dev.kam.scoring.domain.Reach;
import dev.kam.scoring.domain.ScoreResult;
import dev.kam.scoring.domain.ScoringModel;
import dev.kam.scoring.domain.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Scoring's tables, through plain SQL ({@link Jdbc}, one constant statement each, rows mapped to the records below):
 * rows here are read and written whole and mostly in sets, and the explanation is one JSON document, so entities
 * would add nothing but mapping.
 */
@ApplicationScoped
public class ScoringRepository {

    public record ModelVersion(int version, String status, String description, ScoringModel model, Instant createdAt,
                               Instant activatedAt) {
    }

    /** @param externalRefs the CRMs' references of the customer, each {@code system/id} */
    public record StoredFacts(UUID customerId, CustomerFacts facts, long eventSequence, boolean archived, List<String> externalRefs) {
    }

    public record StoredScore(UUID customerId, int modelVersion, double total, double confidence, Tier computedTier, Tier tier,
                              Designation designation, List<String> regions, ScoreResult explanation, Instant scoredAt) {

        public CurrentScore current() {
            return new CurrentScore(customerId, modelVersion, total, computedTier, tier, designation, explanation.reach(), regions,
                    confidence, explanation.missing());
        }
    }

    /** The parts of a stored score a rescore compares with. */
    public record CurrentScore(UUID customerId, int modelVersion, double total, Tier computedTier, Tier tier, Designation designation,
                               Reach reach, List<String> regions, double confidence, List<String> missing) {

        /**
         * Whether a key account looks the same to those who follow it: the same reach and territories, as clearly
         * identified (confidence and what is missing), decided the same way (by the model, or by an override).
         */
        public boolean sameKeyAccountPicture(CurrentScore other) {
            return other != null && reach == other.reach && regions.equals(other.regions) && confidence == other.confidence
                    && missing.equals(other.missing) && (tier == computedTier) == (other.tier == other.computedTier);
        }
    }

    public record HistoryEntry(long id, UUID customerId, int modelVersion, double total, Tier tier, Designation designation,
                               String cause, ScoreResult explanation, Instant scoredAt) {
    }

    public record TierOverride(UUID customerId, Tier tier, String reason, Instant expiresAt, String createdBy, Instant createdAt) {
    }

    public record RescoreJob(UUID id, int modelVersion, String status, long total, long done, UUID lastCustomerId,
                             Instant startedAt, Instant finishedAt) {
    }

    /** PostgreSQL orders UUIDs by their unsigned bytes: the all-zero id comes before every other. */
    private static final UUID FIRST_ID = new UUID(0, 0);

    private final EntityManager em;

    ScoringRepository(EntityManager em) {
        this.em = em;
    }

    // --- models ---------------------------------------------------------------------------------------

    public Optional<ModelVersion> activeModel() {
        return models(null, "ACTIVE").stream().findFirst();
    }

    public Optional<ModelVersion> model(int version) {
        return models(version, null).stream().findFirst();
    }

    public List<ModelVersion> allModels() {
        return models(null, null);
    }

    /** Inserts the first model if there is none (concurrent starts of several instances agree). */
    public void insertFirstModel(ScoringModel model, String description) {
        Jdbc.update(em, """
                INSERT INTO scoring_model (version, status, description, definition, created_at, activated_at)
                VALUES (1, 'ACTIVE', ?, CAST(? AS jsonb), now(), now()) ON CONFLICT (version) DO NOTHING""", (connection, statement) -> {
            statement.setString(1, description);
            statement.setString(2, StoredJson.write(model));
        });
    }

    /** Model versions change one transaction at a time (the lock conflicts with itself). */
    public void lockModels() {
        Jdbc.update(em, "LOCK TABLE scoring_model IN SHARE ROW EXCLUSIVE MODE");
    }

    public int insertDraft(ScoringModel model, String description) {
        lockModels();
        return Jdbc.query(em, """
                INSERT INTO scoring_model (version, status, description, definition, created_at)
                SELECT COALESCE(MAX(version), 0) + 1, 'DRAFT', ?, CAST(? AS jsonb), now() FROM scoring_model RETURNING version""",
                (connection, statement) -> {
                    statement.setString(1, description);
                    statement.setString(2, StoredJson.write(model));
                }, row -> row.getInt(1)).get(0);
    }

    /** Retires the active model and activates {@code version}. */
    public void activate(int version) {
        lockModels();
        Jdbc.update(em, "UPDATE scoring_model SET status = 'RETIRED' WHERE status = 'ACTIVE'");
        Jdbc.update(em, "UPDATE scoring_model SET status = 'ACTIVE', activated_at = now() WHERE version = ?",
                (connection, statement) -> statement.setInt(1, version));
    }

    /** @param version only this version (null: any); @param status only in this status (null: any) */
    private List<ModelVersion> models(Integer version, String status) {
        return Jdbc.query(em, """
                SELECT version, status, description, CAST(definition AS text), created_at, activated_at FROM scoring_model
                WHERE (CAST(? AS integer) IS NULL OR version = ?) AND (CAST(? AS text) IS NULL OR status = ?) ORDER BY version""",
                (connection, statement) -> {
                    statement.setObject(1, version, java.sql.Types.INTEGER);
                    statement.setObject(2, version, java.sql.Types.INTEGER);
                    statement.setString(3, status);
                    statement.setString(4, status);
                }, row -> new ModelVersion(row.getInt(1), row.getString(2), row.getString(3), StoredJson.read(row.getString(4), ScoringModel.class),
                        Jdbc.instant(row, 5), Jdbc.instant(row, 6)));
    }

    // --- facts ----------------------------------------------------------------------------------------

    public Optional<StoredFacts> factsForUpdate(UUID customerId) {
        return Optional.ofNullable(factsForUpdate(List.of(customerId)).get(customerId));
    }

    /**
     * Locks and reads the facts of {@code customerIds}, in id order (every writer locks in that order, so two
     * batches cannot deadlock). Customers without facts are absent from the map.
     */
    public Map<UUID, StoredFacts> factsForUpdate(Collection<UUID> customerIds) {
        Map<UUID, StoredFacts> facts = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT customer_id, CAST(facts AS text), event_sequence, archived, external_refs FROM customer_facts
                        WHERE customer_id = ANY(?) ORDER BY customer_id FOR UPDATE""", customerIds,
                row -> new StoredFacts(row.getObject(1, UUID.class), StoredJson.read(row.getString(2), CustomerFacts.class),
                        row.getLong(3), row.getBoolean(4), Jdbc.strings(row, 5)))
                .forEach(row -> facts.put(row.customerId(), row));
        return facts;
    }

    public void saveFacts(Collection<StoredFacts> facts) {
        Jdbc.batch(em, """
                INSERT INTO customer_facts (customer_id, facts, event_sequence, archived, updated_at, external_refs)
                VALUES (?, CAST(? AS jsonb), ?, ?, now(), ?)
                ON CONFLICT (customer_id) DO UPDATE SET facts = EXCLUDED.facts, event_sequence = EXCLUDED.event_sequence,
                    archived = EXCLUDED.archived, updated_at = now(), external_refs = EXCLUDED.external_refs""", facts, (insert, row) -> {
            insert.setObject(1, row.customerId());
            insert.setString(2, StoredJson.write(row.facts()));
            insert.setLong(3, row.eventSequence());
            insert.setBoolean(4, row.archived());
            insert.setArray(5, insert.getConnection().createArrayOf("text", row.externalRefs().toArray()));
        });
    }

    public long countCustomers() {
        return Jdbc.query(em, "SELECT count(*) FROM customer_facts", row -> row.getLong(1)).get(0);
    }

    public List<UUID> customerIdsAfter(UUID after, int limit) {
        return Jdbc.query(em, "SELECT customer_id FROM customer_facts WHERE customer_id > ? ORDER BY customer_id LIMIT ?",
                (connection, statement) -> {
                    statement.setObject(1, after == null ? FIRST_ID : after);
                    statement.setInt(2, limit);
                }, row -> row.getObject(1, UUID.class));
    }

    // --- scores ---------------------------------------------------------------------------------------

    public Optional<StoredScore> score(UUID customerId) {
        return Jdbc.query(em, """
                SELECT customer_id, model_version, total, confidence, computed_tier, tier, designation, regions, CAST(explanation AS text),
                       scored_at
                FROM customer_score WHERE customer_id = ?""", (connection, statement) -> statement.setObject(1, customerId),
                ScoringRepository::toScore).stream().findFirst();
    }

    /** @param designation, reach, region filters, each left out when null */
    public List<StoredScore> keyAccounts(Designation designation, Reach reach, String region, UUID after, int limit) {
        return Jdbc.query(em, """
                SELECT customer_id, model_version, total, confidence, computed_tier, tier, designation, regions, CAST(explanation AS text),
                       scored_at
                FROM customer_score
                WHERE designation <> 'NONE' AND customer_id > ?
                  AND (CAST(? AS text) IS NULL OR designation = ?)
                  AND (CAST(? AS text) IS NULL OR reach = ?)
                  AND (CAST(? AS text) IS NULL OR jsonb_exists(explanation -> 'regions', ?))
                ORDER BY customer_id LIMIT ?""", (connection, statement) -> {
            String designationName = designation == null ? null : designation.name();
            String reachName = reach == null ? null : reach.name();
            statement.setObject(1, after == null ? FIRST_ID : after);
            statement.setString(2, designationName);
            statement.setString(3, designationName);
            statement.setString(4, reachName);
            statement.setString(5, reachName);
            statement.setString(6, region);
            statement.setString(7, region);
            statement.setInt(8, limit);
        }, ScoringRepository::toScore);
    }

    /** What a rescore compares with: the scores of {@code customerIds} without their explanations. */
    public Map<UUID, CurrentScore> currentScores(Collection<UUID> customerIds) {
        Map<UUID, CurrentScore> scores = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT customer_id, model_version, total, computed_tier, tier, designation, reach, regions, confidence, missing
                        FROM customer_score WHERE customer_id = ANY(?)""", customerIds,
                row -> new CurrentScore(row.getObject(1, UUID.class), row.getInt(2), row.getDouble(3), Tier.valueOf(row.getString(4)),
                        Tier.valueOf(row.getString(5)), Designation.valueOf(row.getString(6)), Jdbc.enumValue(row, 7, Reach.class),
                        Jdbc.strings(row, 8), row.getDouble(9), Jdbc.strings(row, 10)))
                .forEach(score -> scores.put(score.customerId(), score));
        return scores;
    }

    /** Saves each customer's latest change; the explanation goes in as the JSON already written for the history. */
    public void saveScores(Collection<ScoreChange> changes) {
        Jdbc.batch(em, """
                INSERT INTO customer_score (customer_id, model_version, total, confidence, computed_tier, tier, designation,
                                            regions, explanation, scored_at, reach, missing)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET model_version = EXCLUDED.model_version, total = EXCLUDED.total,
                    confidence = EXCLUDED.confidence, computed_tier = EXCLUDED.computed_tier, tier = EXCLUDED.tier,
                    designation = EXCLUDED.designation, regions = EXCLUDED.regions, explanation = EXCLUDED.explanation,
                    scored_at = EXCLUDED.scored_at, reach = EXCLUDED.reach, missing = EXCLUDED.missing,
                    changed_in = pg_current_xact_id()""", changes, (insert, change) -> {
            StoredScore score = change.score();
            insert.setObject(1, score.customerId());
            insert.setInt(2, score.modelVersion());
            insert.setBigDecimal(3, BigDecimal.valueOf(score.total()));
            insert.setBigDecimal(4, BigDecimal.valueOf(score.confidence()));
            insert.setString(5, score.computedTier().name());
            insert.setString(6, score.tier().name());
            insert.setString(7, score.designation().name());
            insert.setArray(8, insert.getConnection().createArrayOf("text", score.regions().toArray()));
            insert.setString(9, change.explanationJson());
            insert.setTimestamp(10, Timestamp.from(score.scoredAt()));
            insert.setString(11, score.explanation().reach() == null ? null : score.explanation().reach().name());
            insert.setArray(12, insert.getConnection().createArrayOf("text", score.explanation().missing().toArray()));
        });
    }

    /** A score change and what caused it, for the history. */
    public record ScoreChange(StoredScore score, String cause, String explanationJson) {

        public ScoreChange(StoredScore score, String cause) {
            this(score, cause, StoredJson.write(score.explanation()));
        }
    }

    public void addHistory(Collection<ScoreChange> changes) {
        Jdbc.batch(em, """
                INSERT INTO score_history (customer_id, model_version, total, tier, designation, cause, explanation, scored_at)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""", changes, (insert, change) -> {
            StoredScore score = change.score();
            insert.setObject(1, score.customerId());
            insert.setInt(2, score.modelVersion());
            insert.setBigDecimal(3, BigDecimal.valueOf(score.total()));
            insert.setString(4, score.tier().name());
            insert.setString(5, score.designation().name());
            insert.setString(6, change.cause());
            insert.setString(7, change.explanationJson());
            insert.setTimestamp(8, Timestamp.from(score.scoredAt()));
        });
    }

    /** Every change of the customer's score, oldest first; with {@code asOf}, only the one in force then. */
    public List<HistoryEntry> history(UUID customerId, Instant asOf) {
        if (asOf == null) {
            return Jdbc.query(em, """
                    SELECT id, customer_id, model_version, total, tier, designation, cause, CAST(explanation AS text), scored_at
                    FROM score_history WHERE customer_id = ? ORDER BY scored_at, id""",
                    (connection, statement) -> statement.setObject(1, customerId), ScoringRepository::toHistoryEntry);
        }
        return Jdbc.query(em, """
                SELECT id, customer_id, model_version, total, tier, designation, cause, CAST(explanation AS text), scored_at
                FROM score_history WHERE customer_id = ? AND scored_at <= ? ORDER BY scored_at DESC, id DESC LIMIT 1""",
                (connection, statement) -> {
                    statement.setObject(1, customerId);
                    Jdbc.setInstant(statement, 2, asOf);
                }, ScoringRepository::toHistoryEntry);
    }

    private static HistoryEntry toHistoryEntry(ResultSet row) throws SQLException {
        return new HistoryEntry(row.getLong(1), row.getObject(2, UUID.class), row.getInt(3), row.getDouble(4), Tier.valueOf(row.getString(5)),
                Designation.valueOf(row.getString(6)), row.getString(7), StoredJson.read(row.getString(8), ScoreResult.class), Jdbc.instant(row, 9));
    }

    // --- bulk reads and the change feed ----------------------------------------------------------------

    /**
     * A score as a CRM writes it back, with the customer's CRM references.
     *
     * @param changedIn the transaction that last changed it: its position in the change feed
     */
    public record ScoreSummary(UUID customerId, int modelVersion, double total, Tier tier, Designation designation, Reach reach,
                               List<String> regions, boolean overridden, List<String> externalRefs, Instant scoredAt, long changedIn) {
    }

    /** The feed's position: after the score {@code customerId} changed in transaction {@code changedIn}. */
    public record FeedPosition(long changedIn, UUID customerId) {
    }

    /**
     * A page of the change feed.
     *
     * @param settled every transaction below this one has finished: the feed has handed out all of their changes
     *                once the page is not full
     */
    public record ChangePage(List<ScoreSummary> items, long settled) {
    }

    public List<ScoreSummary> summaries(Collection<UUID> customerIds) {
        return Jdbc.queryByIds(em, """
                SELECT customer_id, model_version, total, tier, designation, reach, regions, overridden, external_refs, scored_at,
                       CAST(CAST(changed_in AS text) AS bigint)
                FROM score_summary WHERE customer_id = ANY(?)""", customerIds, ScoringRepository::toSummary);
    }

    /** @param externalRefs each {@code system/id} */
    public List<ScoreSummary> summariesByExternalRefs(Collection<String> externalRefs) {
        return Jdbc.query(em, """
                SELECT customer_id, model_version, total, tier, designation, reach, regions, overridden, external_refs, scored_at,
                       CAST(CAST(changed_in AS text) AS bigint)
                FROM score_summary WHERE external_refs && ?""",
                (connection, statement) -> statement.setArray(1, connection.createArrayOf("text", externalRefs.toArray())),
                ScoringRepository::toSummary);
    }

    /**
     * Scores changed after {@code after} (from the start when null), in the order of the transactions that changed
     * them, only of transactions older than every one still running: a change committed later always comes after.
     *
     * @param since when no position is given: only scores changed at or after this instant (null: all)
     */
    public ChangePage changes(FeedPosition after, Instant since, int limit) {
        long settled = Jdbc.query(em, "SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint)",
                row -> row.getLong(1)).get(0);
        List<ScoreSummary> items;
        if (after != null) {
            items = Jdbc.query(em, """
                            SELECT customer_id, model_version, total, tier, designation, reach, regions, overridden, external_refs, scored_at,
                                   CAST(CAST(changed_in AS text) AS bigint)
                            FROM score_summary
                            WHERE changed_in < CAST(CAST(? AS text) AS xid8)
                              AND (changed_in, customer_id) > (CAST(CAST(? AS text) AS xid8), ?)
                            ORDER BY changed_in, customer_id LIMIT ?""",
                    (connection, statement) -> {
                        statement.setLong(1, settled);
                        statement.setLong(2, after.changedIn());
                        statement.setObject(3, after.customerId());
                        statement.setInt(4, limit);
                    }, ScoringRepository::toSummary);
        } else {
            items = Jdbc.query(em, """
                            SELECT customer_id, model_version, total, tier, designation, reach, regions, overridden, external_refs, scored_at,
                                   CAST(CAST(changed_in AS text) AS bigint)
                            FROM score_summary
                            WHERE changed_in < CAST(CAST(? AS text) AS xid8) AND scored_at >= ?
                            ORDER BY changed_in, customer_id LIMIT ?""",
                    (connection, statement) -> {
                        statement.setLong(1, settled);
                        statement.setTimestamp(2, Timestamp.from(since == null ? Instant.EPOCH : since));
                        statement.setInt(3, limit);
                    }, ScoringRepository::toSummary);
        }
        return new ChangePage(items, settled);
    }

    private static ScoreSummary toSummary(ResultSet row) throws SQLException {
        return new ScoreSummary(row.getObject(1, UUID.class), row.getInt(2), row.getDouble(3), Tier.valueOf(row.getString(4)),
                Designation.valueOf(row.getString(5)), Jdbc.enumValue(row, 6, Reach.class), Jdbc.strings(row, 7),
                row.getBoolean(8), Jdbc.strings(row, 9), Jdbc.instant(row, 10), row.getLong(11));
    }

    // --- overrides ------------------------------------------------------------------------------------

    public Optional<TierOverride> override(UUID customerId) {
        return overrides(List.of(customerId)).values().stream().findFirst();
    }

    public Map<UUID, TierOverride> overrides(Collection<UUID> customerIds) {
        Map<UUID, TierOverride> overrides = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT customer_id, tier, reason, expires_at, created_by, created_at FROM score_override
                        WHERE customer_id = ANY(?)""", customerIds,
                row -> new TierOverride(row.getObject(1, UUID.class), Tier.valueOf(row.getString(2)), row.getString(3),
                        Jdbc.instant(row, 4), row.getString(5), Jdbc.instant(row, 6)))
                .forEach(override -> overrides.put(override.customerId(), override));
        return overrides;
    }

    public void saveOverride(TierOverride override) {
        Jdbc.update(em, """
                INSERT INTO score_override (customer_id, tier, reason, expires_at, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET tier = EXCLUDED.tier, reason = EXCLUDED.reason,
                    expires_at = EXCLUDED.expires_at, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at""",
                (connection, statement) -> {
                    statement.setObject(1, override.customerId());
                    statement.setString(2, override.tier().name());
                    statement.setString(3, override.reason());
                    Jdbc.setInstant(statement, 4, override.expiresAt());
                    statement.setString(5, override.createdBy());
                    Jdbc.setInstant(statement, 6, override.createdAt());
                });
    }

    public boolean deleteOverride(UUID customerId) {
        return Jdbc.update(em, "DELETE FROM score_override WHERE customer_id = ?",
                (connection, statement) -> statement.setObject(1, customerId)) == 1;
    }

    public List<UUID> expiredOverrides(Instant now) {
        return Jdbc.query(em, "SELECT customer_id FROM score_override WHERE expires_at <= ?",
                (connection, statement) -> Jdbc.setInstant(statement, 1, now), row -> row.getObject(1, UUID.class));
    }

    // --- rescore jobs ---------------------------------------------------------------------------------

    public void saveJob(RescoreJob job) {
        Jdbc.update(em, """
                INSERT INTO rescore_job (id, model_version, status, total, done, last_customer_id, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, total = EXCLUDED.total, done = EXCLUDED.done,
                    last_customer_id = EXCLUDED.last_customer_id, finished_at = EXCLUDED.finished_at""", (connection, statement) -> {
            statement.setObject(1, job.id());
            statement.setInt(2, job.modelVersion());
            statement.setString(3, job.status());
            statement.setLong(4, job.total());
            statement.setLong(5, job.done());
            statement.setObject(6, job.lastCustomerId());
            Jdbc.setInstant(statement, 7, job.startedAt());
            Jdbc.setInstant(statement, 8, job.finishedAt());
        });
    }

    public Optional<RescoreJob> job(UUID id) {
        return Jdbc.query(em, """
                SELECT id, model_version, status, total, done, last_customer_id, started_at, finished_at FROM rescore_job WHERE id = ?""",
                (connection, statement) -> statement.setObject(1, id), ScoringRepository::toJob).stream().findFirst();
    }

    public List<RescoreJob> runningJobs() {
        return Jdbc.query(em, """
                SELECT id, model_version, status, total, done, last_customer_id, started_at, finished_at FROM rescore_job
                WHERE status = 'RUNNING'""", ScoringRepository::toJob);
    }

    private static RescoreJob toJob(ResultSet row) throws SQLException {
        return new RescoreJob(row.getObject(1, UUID.class), row.getInt(2), row.getString(3), row.getLong(4), row.getLong(5),
                row.getObject(6, UUID.class), Jdbc.instant(row, 7), Jdbc.instant(row, 8));
    }

    // --- mapping --------------------------------------------------------------------------------------

    private static StoredScore toScore(ResultSet row) throws SQLException {
        return new StoredScore(row.getObject(1, UUID.class), row.getInt(2), row.getDouble(3), row.getDouble(4), Tier.valueOf(row.getString(5)),
                Tier.valueOf(row.getString(6)), Designation.valueOf(row.getString(7)), Jdbc.strings(row, 8),
                StoredJson.read(row.getString(9), ScoreResult.class), Jdbc.instant(row, 10));
    }

    // --- metrics --------------------------------------------------------------------------------------

    /**
     * How many scored customers carry each designation: the kept counts, after folding in the changes recorded
     * since the last read (V4__designation_counts.sql). Changes committed while this runs are folded next time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Designation, Long> countByDesignation() {
        Jdbc.update(em, """
                WITH folded AS (DELETE FROM designation_count_change RETURNING designation, change)
                INSERT INTO designation_count AS kept (designation, customers)
                SELECT designation, sum(change) FROM folded GROUP BY designation
                ON CONFLICT (designation) DO UPDATE SET customers = kept.customers + EXCLUDED.customers""");
        Map<Designation, Long> counts = new java.util.EnumMap<>(Designation.class);
        Jdbc.query(em, "SELECT designation, customers FROM designation_count",
                row -> Map.entry(Designation.valueOf(row.getString(1)), row.getLong(2))).forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }
}
