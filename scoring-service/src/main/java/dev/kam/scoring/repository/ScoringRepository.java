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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Scoring's tables, through plain SQL: rows here are read and written whole, and the explanation is one JSON
 * document, so entities would add nothing but mapping.
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
        return models("WHERE status = 'ACTIVE'").stream().findFirst();
    }

    public Optional<ModelVersion> model(int version) {
        return models("WHERE version = " + version).stream().findFirst();
    }

    public List<ModelVersion> allModels() {
        return models("");
    }

    /** Inserts the first model if there is none (concurrent starts of several instances agree). */
    public void insertFirstModel(ScoringModel model, String description) {
        em.createNativeQuery("""
                        INSERT INTO scoring_model (version, status, description, definition, created_at, activated_at)
                        VALUES (1, 'ACTIVE', ?1, CAST(?2 AS jsonb), now(), now()) ON CONFLICT (version) DO NOTHING""")
                .setParameter(1, description)
                .setParameter(2, StoredJson.write(model))
                .executeUpdate();
    }

    /** Model versions change one transaction at a time (the lock conflicts with itself). */
    public void lockModels() {
        em.createNativeQuery("LOCK TABLE scoring_model IN SHARE ROW EXCLUSIVE MODE").executeUpdate();
    }

    public int insertDraft(ScoringModel model, String description) {
        lockModels();
        int version = ((Number) em.createNativeQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM scoring_model").getSingleResult()).intValue();
        em.createNativeQuery("""
                        INSERT INTO scoring_model (version, status, description, definition, created_at)
                        VALUES (?1, 'DRAFT', ?2, CAST(?3 AS jsonb), now())""")
                .setParameter(1, version)
                .setParameter(2, description)
                .setParameter(3, StoredJson.write(model))
                .executeUpdate();
        return version;
    }

    /** Retires the active model and activates {@code version}. */
    public void activate(int version) {
        lockModels();
        em.createNativeQuery("UPDATE scoring_model SET status = 'RETIRED' WHERE status = 'ACTIVE'").executeUpdate();
        em.createNativeQuery("UPDATE scoring_model SET status = 'ACTIVE', activated_at = now() WHERE version = ?1")
                .setParameter(1, version).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<ModelVersion> models(String where) {
        List<Object[]> rows = em.createNativeQuery("SELECT version, status, description, CAST(definition AS text), created_at, activated_at "
                + "FROM scoring_model " + where + " ORDER BY version").getResultList();
        return rows.stream().map(row -> new ModelVersion(((Number) row[0]).intValue(), (String) row[1], (String) row[2],
                StoredJson.read((String) row[3], ScoringModel.class), instant(row[4]), instant(row[5]))).toList();
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
                        row.getLong(3), row.getBoolean(4), strings(row.getArray(5))))
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
        return ((Number) em.createNativeQuery("SELECT count(*) FROM customer_facts").getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<UUID> customerIdsAfter(UUID after, int limit) {
        return em.createNativeQuery("SELECT customer_id FROM customer_facts WHERE customer_id > ?1 ORDER BY customer_id LIMIT ?2")
                .setParameter(1, after == null ? FIRST_ID : after)
                .setParameter(2, limit)
                .getResultList();
    }

    // --- scores ---------------------------------------------------------------------------------------

    public Optional<StoredScore> score(UUID customerId) {
        return scores("WHERE customer_id = ?1", customerId).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    public List<StoredScore> keyAccounts(Designation designation, Reach reach, String region, UUID after, int limit) {
        StringBuilder where = new StringBuilder("WHERE designation <> 'NONE' AND customer_id > ?1");
        if (designation != null) {
            where.append(" AND designation = '").append(designation.name()).append("'");
        }
        if (reach != null) {
            where.append(" AND reach = '").append(reach.name()).append("'");
        }
        if (region != null) {
            where.append(" AND jsonb_exists(explanation -> 'regions', ?2)");
        }
        where.append(" ORDER BY customer_id LIMIT ").append(limit);
        var query = em.createNativeQuery(SCORE_COLUMNS + where)
                .setParameter(1, after == null ? FIRST_ID : after);
        if (region != null) {
            query.setParameter(2, region);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(ScoringRepository::toScore).toList();
    }

    /** What a rescore compares with: the scores of {@code customerIds} without their explanations. */
    public Map<UUID, CurrentScore> currentScores(Collection<UUID> customerIds) {
        Map<UUID, CurrentScore> scores = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT customer_id, model_version, total, computed_tier, tier, designation, reach, regions, confidence, missing
                        FROM customer_score WHERE customer_id = ANY(?)""", customerIds,
                row -> new CurrentScore(row.getObject(1, UUID.class), row.getInt(2), row.getDouble(3), Tier.valueOf(row.getString(4)),
                        Tier.valueOf(row.getString(5)), Designation.valueOf(row.getString(6)),
                        row.getString(7) == null ? null : Reach.valueOf(row.getString(7)), strings(row.getArray(8)), row.getDouble(9),
                        strings(row.getArray(10))))
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

    private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
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
    @SuppressWarnings("unchecked")
    public List<HistoryEntry> history(UUID customerId, Instant asOf) {
        String sql = "SELECT id, customer_id, model_version, total, tier, designation, cause, CAST(explanation AS text), scored_at "
                + "FROM score_history WHERE customer_id = ?1"
                + (asOf == null ? " ORDER BY scored_at, id" : " AND scored_at <= ?2 ORDER BY scored_at DESC, id DESC LIMIT 1");
        var query = em.createNativeQuery(sql).setParameter(1, customerId);
        if (asOf != null) {
            query.setParameter(2, Timestamp.from(asOf));
        }
        return ((List<Object[]>) query.getResultList()).stream().map(row -> new HistoryEntry(((Number) row[0]).longValue(),
                (UUID) row[1], ((Number) row[2]).intValue(), ((Number) row[3]).doubleValue(), Tier.valueOf((String) row[4]),
                Designation.valueOf((String) row[5]), (String) row[6], StoredJson.read((String) row[7], ScoreResult.class),
                instant(row[8]))).toList();
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

    private static final String SUMMARY_COLUMNS = """
            SELECT s.customer_id, s.model_version, s.total, s.tier, s.designation, s.reach, s.regions,
                   EXISTS (SELECT 1 FROM score_override o WHERE o.customer_id = s.customer_id AND o.expires_at > now()),
                   f.external_refs, s.scored_at, CAST(CAST(s.changed_in AS text) AS bigint)
            FROM customer_score s JOIN customer_facts f ON f.customer_id = s.customer_id
            """;

    public List<ScoreSummary> summaries(Collection<UUID> customerIds) {
        return Jdbc.queryByIds(em, SUMMARY_COLUMNS + "WHERE s.customer_id = ANY(?)", customerIds, ScoringRepository::toSummary);
    }

    /** @param externalRefs each {@code system/id} */
    public List<ScoreSummary> summariesByExternalRefs(Collection<String> externalRefs) {
        return Jdbc.query(em, SUMMARY_COLUMNS + "WHERE f.external_refs && ?",
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
            items = Jdbc.query(em, SUMMARY_COLUMNS + """
                            WHERE s.changed_in < CAST(CAST(? AS text) AS xid8)
                              AND (s.changed_in, s.customer_id) > (CAST(CAST(? AS text) AS xid8), ?)
                            ORDER BY s.changed_in, s.customer_id LIMIT ?""",
                    (connection, statement) -> {
                        statement.setLong(1, settled);
                        statement.setLong(2, after.changedIn());
                        statement.setObject(3, after.customerId());
                        statement.setInt(4, limit);
                    }, ScoringRepository::toSummary);
        } else {
            items = Jdbc.query(em, SUMMARY_COLUMNS + """
                            WHERE s.changed_in < CAST(CAST(? AS text) AS xid8) AND s.scored_at >= ?
                            ORDER BY s.changed_in, s.customer_id LIMIT ?""",
                    (connection, statement) -> {
                        statement.setLong(1, settled);
                        statement.setTimestamp(2, Timestamp.from(since == null ? Instant.EPOCH : since));
                        statement.setInt(3, limit);
                    }, ScoringRepository::toSummary);
        }
        return new ChangePage(items, settled);
    }

    private static ScoreSummary toSummary(java.sql.ResultSet row) throws java.sql.SQLException {
        String reach = row.getString(6);
        return new ScoreSummary(row.getObject(1, UUID.class), row.getInt(2), row.getDouble(3), Tier.valueOf(row.getString(4)),
                Designation.valueOf(row.getString(5)), reach == null ? null : Reach.valueOf(reach), strings(row.getArray(7)),
                row.getBoolean(8), strings(row.getArray(9)), row.getTimestamp(10).toInstant(), row.getLong(11));
    }

    // --- overrides ------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public Optional<TierOverride> override(UUID customerId) {
        List<Object[]> rows = em.createNativeQuery("SELECT customer_id, tier, reason, expires_at, created_by, created_at "
                + "FROM score_override WHERE customer_id = ?1").setParameter(1, customerId).getResultList();
        return rows.stream().findFirst().map(row -> new TierOverride((UUID) row[0], Tier.valueOf((String) row[1]), (String) row[2],
                instant(row[3]), (String) row[4], instant(row[5])));
    }

    public Map<UUID, TierOverride> overrides(Collection<UUID> customerIds) {
        Map<UUID, TierOverride> overrides = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT customer_id, tier, reason, expires_at, created_by, created_at FROM score_override
                        WHERE customer_id = ANY(?)""", customerIds,
                row -> new TierOverride(row.getObject(1, UUID.class), Tier.valueOf(row.getString(2)), row.getString(3),
                        row.getTimestamp(4).toInstant(), row.getString(5), row.getTimestamp(6).toInstant()))
                .forEach(override -> overrides.put(override.customerId(), override));
        return overrides;
    }

    public void saveOverride(TierOverride override) {
        em.createNativeQuery("""
                        INSERT INTO score_override (customer_id, tier, reason, expires_at, created_by, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (customer_id) DO UPDATE SET tier = EXCLUDED.tier, reason = EXCLUDED.reason,
                            expires_at = EXCLUDED.expires_at, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at""")
                .setParameter(1, override.customerId())
                .setParameter(2, override.tier().name())
                .setParameter(3, override.reason())
                .setParameter(4, Timestamp.from(override.expiresAt()))
                .setParameter(5, override.createdBy())
                .setParameter(6, Timestamp.from(override.createdAt()))
                .executeUpdate();
    }

    public boolean deleteOverride(UUID customerId) {
        return em.createNativeQuery("DELETE FROM score_override WHERE customer_id = ?1").setParameter(1, customerId).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    public List<UUID> expiredOverrides(Instant now) {
        return em.createNativeQuery("SELECT customer_id FROM score_override WHERE expires_at <= ?1")
                .setParameter(1, Timestamp.from(now)).getResultList();
    }

    // --- rescore jobs ---------------------------------------------------------------------------------

    public void saveJob(RescoreJob job) {
        em.createNativeQuery("""
                        INSERT INTO rescore_job (id, model_version, status, total, done, last_customer_id, started_at, finished_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, total = EXCLUDED.total, done = EXCLUDED.done,
                            last_customer_id = EXCLUDED.last_customer_id, finished_at = EXCLUDED.finished_at""")
                .setParameter(1, job.id())
                .setParameter(2, job.modelVersion())
                .setParameter(3, job.status())
                .setParameter(4, job.total())
                .setParameter(5, job.done())
                .setParameter(6, job.lastCustomerId())
                .setParameter(7, Timestamp.from(job.startedAt()))
                .setParameter(8, job.finishedAt() == null ? null : Timestamp.from(job.finishedAt()))
                .executeUpdate();
    }

    public Optional<RescoreJob> job(UUID id) {
        return jobs("WHERE id = ?1", id).stream().findFirst();
    }

    public List<RescoreJob> runningJobs() {
        return jobs("WHERE status = 'RUNNING'", null);
    }

    @SuppressWarnings("unchecked")
    private List<RescoreJob> jobs(String where, UUID id) {
        var query = em.createNativeQuery("SELECT id, model_version, status, total, done, last_customer_id, started_at, finished_at "
                + "FROM rescore_job " + where);
        if (id != null) {
            query.setParameter(1, id);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(row -> new RescoreJob((UUID) row[0], ((Number) row[1]).intValue(),
                (String) row[2], ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), (UUID) row[5], instant(row[6]),
                instant(row[7]))).toList();
    }

    // --- mapping --------------------------------------------------------------------------------------

    private static final String SCORE_COLUMNS = "SELECT customer_id, model_version, total, confidence, computed_tier, tier, designation, "
            + "regions, CAST(explanation AS text), scored_at FROM customer_score ";

    @SuppressWarnings("unchecked")
    private List<StoredScore> scores(String where, UUID customerId) {
        return ((List<Object[]>) em.createNativeQuery(SCORE_COLUMNS + where).setParameter(1, customerId).getResultList())
                .stream().map(ScoringRepository::toScore).toList();
    }

    private static StoredScore toScore(Object[] row) {
        Object regions = row[7];
        List<String> regionList = regions instanceof String[] array ? List.of(array)
                : regions instanceof Object[] objects ? java.util.Arrays.stream(objects).map(String::valueOf).toList() : List.of();
        return new StoredScore((UUID) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).doubleValue(),
                ((Number) row[3]).doubleValue(), Tier.valueOf((String) row[4]), Tier.valueOf((String) row[5]),
                Designation.valueOf((String) row[6]), regionList, StoredJson.read((String) row[8], ScoreResult.class), instant(row[9]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }

    // --- metrics --------------------------------------------------------------------------------------

    /**
     * How many scored customers carry each designation: the kept counts, after folding in the changes recorded
     * since the last read (V4__designation_counts.sql). Changes committed while this runs are folded next time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Designation, Long> countByDesignation() {
        em.createNativeQuery("""
                WITH folded AS (DELETE FROM designation_count_change RETURNING designation, change)
                INSERT INTO designation_count AS kept (designation, customers)
                SELECT designation, sum(change) FROM folded GROUP BY designation
                ON CONFLICT (designation) DO UPDATE SET customers = kept.customers + EXCLUDED.customers""").executeUpdate();
        Map<Designation, Long> counts = new java.util.EnumMap<>(Designation.class);
        Jdbc.query(em, "SELECT designation, customers FROM designation_count",
                row -> Map.entry(Designation.valueOf(row.getString(1)), row.getLong(2))).forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }
}
