package dev.kam.team.repository;

import dev.kam.foundation.persistence.Jdbc;
import dev.kam.foundation.persistence.StoredJson;
import dev.kam.team.domain.AccountPlan;
import dev.kam.team.domain.Contact;
import dev.kam.team.domain.Coordination;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.Identification;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.Relationship;
import dev.kam.team.domain.StaffFunction;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamRole;
import dev.kam.team.domain.TeamStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Staff, customer shapes and teams, through plain SQL: aggregates are loaded and saved whole. */
@ApplicationScoped
public class TeamRepository {

    /**
     * What the teams keep of a customer: its operating units, functional areas and our supplier status (the customer's
     * sales territories come from scoring). {@code regions} are the regions of its locations, as its CRM names them.
     */
    public record CustomerShape(UUID customerId, String legalName, String industry, Set<String> regions,
                                Set<String> operatingUnits, long eventSequence, Set<String> functionalAreas, String supplierStatus) {
    }

    private static final String TEAM_COLUMNS =
            "team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text), CAST(wind_down AS text) FROM team";

    private final EntityManager em;

    TeamRepository(EntityManager em) {
        this.em = em;
    }

    // --- staff ----------------------------------------------------------------------------------------

    public void saveStaff(StaffMember staff) {
        em.createNativeQuery("""
                        INSERT INTO staff (employee_id, name, email, function, regions, industries, capacity, manager_id, updated_at)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text[]), CAST(?6 AS text[]), ?7, ?8, now())
                        ON CONFLICT (employee_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
                            function = EXCLUDED.function, regions = EXCLUDED.regions, industries = EXCLUDED.industries,
                            capacity = EXCLUDED.capacity, manager_id = EXCLUDED.manager_id, updated_at = now()""")
                .setParameter(1, staff.employeeId())
                .setParameter(2, staff.name())
                .setParameter(3, staff.email())
                .setParameter(4, staff.function().name())
                .setParameter(5, staff.regions().toArray(String[]::new))
                .setParameter(6, staff.industries().toArray(String[]::new))
                .setParameter(7, staff.capacity())
                .setParameter(8, staff.managerId())
                .executeUpdate();
    }

    /** Loads a person and locks them until the transaction ends: two teams cannot both take their last capacity. */
    public Optional<StaffMember> staffForUpdate(String employeeId) {
        return staff("WHERE employee_id = ?1 FOR UPDATE", employeeId).stream().findFirst();
    }

    public List<StaffMember> staffByFunction(StaffFunction function, String region) {
        if (function == null && region == null) {
            return staff("ORDER BY employee_id", null);
        }
        if (region == null) {
            return staff("WHERE function = ?1 ORDER BY employee_id", function.name());
        }
        if (function == null) {
            return staff("WHERE ?1 = ANY(regions) ORDER BY employee_id", region);
        }
        return staff("WHERE function = '" + function.name() + "' AND ?1 = ANY(regions) ORDER BY employee_id", region);
    }

    /** How many open teams the person is on now. */
    public int activeTeamCount(String employeeId) {
        return ((Number) em.createNativeQuery("""
                        SELECT count(DISTINCT m.team_id) FROM team_member m JOIN team t ON t.team_id = m.team_id
                        WHERE m.employee_id = ?1 AND m.released_at IS NULL AND t.status <> 'DISSOLVED'""")
                .setParameter(1, employeeId).getSingleResult()).intValue();
    }

    /**
     * The management chain above {@code managerId} (their manager, then that manager's, ...) up to and including
     * {@code employeeId} when it appears in it: a non-empty answer means making {@code managerId} the manager of
     * {@code employeeId} would close a cycle. At most 100 levels are followed.
     */
    @SuppressWarnings("unchecked")
    public List<String> chainUpTo(String managerId, String employeeId) {
        List<Object[]> rows = em.createNativeQuery("""
                        WITH RECURSIVE chain (employee_id, manager_id, depth, path) AS (
                            SELECT employee_id, manager_id, 1, ARRAY[employee_id::text] FROM staff WHERE employee_id = ?1
                            UNION ALL
                            SELECT s.employee_id, s.manager_id, c.depth + 1, c.path || s.employee_id::text
                            FROM staff s JOIN chain c ON s.employee_id = c.manager_id
                            WHERE c.depth < 100 AND c.employee_id <> ?2 AND NOT s.employee_id = ANY(c.path))
                        SELECT employee_id, path FROM chain WHERE employee_id = ?2""")
                .setParameter(1, managerId).setParameter(2, employeeId).getResultList();
        return rows.stream().findFirst().map(row -> orderedStrings(row[1])).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private List<StaffMember> staff(String where, String parameter) {
        var query = em.createNativeQuery("SELECT employee_id, name, email, function, regions, industries, capacity, manager_id FROM staff " + where);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(row -> new StaffMember((String) row[0], (String) row[1],
                (String) row[2], StaffFunction.valueOf((String) row[3]), strings(row[4]), strings(row[5]),
                ((Number) row[6]).intValue(), (String) row[7])).toList();
    }

    // --- customer shapes ------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public Optional<CustomerShape> shapeForUpdate(UUID customerId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT customer_id, legal_name, industry, regions, operating_units, event_sequence, functional_areas,
                               supplier_status FROM customer_shape
                        WHERE customer_id = ?1 FOR UPDATE""").setParameter(1, customerId).getResultList();
        return rows.stream().findFirst().map(row -> new CustomerShape((UUID) row[0], (String) row[1], (String) row[2],
                strings(row[3]), strings(row[4]), ((Number) row[5]).longValue(), strings(row[6]), (String) row[7]));
    }

    /** The shapes of {@code customerIds}, locked in id order. */
    public Map<UUID, CustomerShape> shapesForUpdate(Collection<UUID> customerIds) {
        Map<UUID, CustomerShape> shapes = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT customer_id, legal_name, industry, regions, operating_units, event_sequence, functional_areas,
                               supplier_status FROM customer_shape
                        WHERE customer_id = ANY(?) ORDER BY customer_id FOR UPDATE""", customerIds,
                row -> new CustomerShape(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        strings(row.getArray(4).getArray()), strings(row.getArray(5).getArray()), row.getLong(6),
                        strings(row.getArray(7).getArray()), row.getString(8)))
                .forEach(shape -> shapes.put(shape.customerId(), shape));
        return shapes;
    }

    /**
     * Serialises, until the transaction ends, the two consumers' work on these customers (their profile events and
     * scoring's decisions arrive on two topics, applied by two consumers at once). Without it, a customer's first
     * profile event and its designation applied concurrently each miss what the other writes: the team is formed
     * without the customer's units, and the units are stored without reshaping a team not yet committed. Taken in id
     * order, so two batches cannot deadlock; reads after it see what the other committed.
     */
    public void lockCustomers(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        Jdbc.queryByIds(em, """
                SELECT count(pg_advisory_xact_lock(hashtextextended('customer:' || ordered.id::text, 0)))
                FROM (SELECT DISTINCT id FROM unnest(?::uuid[]) AS id ORDER BY id) AS ordered""", customerIds, row -> row.getLong(1));
    }

    /** The event sequences applied to {@code customerIds}, their shapes locked in id order (no deadlock between batches). */
    public Map<UUID, Long> shapeSequencesForUpdate(Collection<UUID> customerIds) {
        Map<UUID, Long> sequences = new HashMap<>();
        Jdbc.queryByIds(em, "SELECT customer_id, event_sequence FROM customer_shape WHERE customer_id = ANY(?) ORDER BY customer_id FOR UPDATE", customerIds,
                row -> Map.entry(row.getObject(1, UUID.class), row.getLong(2)))
                .forEach(entry -> sequences.put(entry.getKey(), entry.getValue()));
        return sequences;
    }

    /** A shape with the buying centre's contacts, as one customer event leaves it. */
    public record ShapeWithContacts(CustomerShape shape, List<Contact> contacts) {
    }

    public void saveShapes(Collection<ShapeWithContacts> shapes) {
        Jdbc.batch(em, """
                INSERT INTO customer_shape (customer_id, legal_name, industry, regions, operating_units, event_sequence, contacts,
                                            functional_areas, supplier_status, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, now())
                ON CONFLICT (customer_id) DO UPDATE SET legal_name = EXCLUDED.legal_name, industry = EXCLUDED.industry,
                    regions = EXCLUDED.regions, operating_units = EXCLUDED.operating_units,
                    event_sequence = EXCLUDED.event_sequence, contacts = EXCLUDED.contacts,
                    functional_areas = EXCLUDED.functional_areas, supplier_status = EXCLUDED.supplier_status, updated_at = now()""", shapes, (insert, row) -> {
            CustomerShape shape = row.shape();
            insert.setObject(1, shape.customerId());
            insert.setString(2, shape.legalName());
            insert.setString(3, shape.industry());
            insert.setArray(4, insert.getConnection().createArrayOf("text", shape.regions().toArray()));
            insert.setArray(5, insert.getConnection().createArrayOf("text", shape.operatingUnits().toArray()));
            insert.setLong(6, shape.eventSequence());
            insert.setString(7, StoredJson.write(row.contacts()));
            insert.setArray(8, insert.getConnection().createArrayOf("text", shape.functionalAreas().toArray()));
            insert.setString(9, shape.supplierStatus());
        });
    }

    /** The functional areas of the customer's buying centre. */
    public Set<String> functionalAreas(UUID customerId) {
        List<?> rows = em.createNativeQuery("SELECT functional_areas FROM customer_shape WHERE customer_id = ?1")
                .setParameter(1, customerId).getResultList();
        return rows.isEmpty() ? Set.of() : strings(rows.get(0));
    }

    // --- specialist requests -------------------------------------------------------------------------

    /** A specialist the key account manager asked for; the head of the function decides. */
    public record SpecialistRequest(UUID requestId, UUID teamId, StaffFunction function, String employeeId, String note,
                                    String requestedBy, Instant requestedAt, String status, String decidedBy, Instant decidedAt,
                                    String decisionNote, String memberId) {
    }

    public void saveSpecialistRequest(SpecialistRequest request) {
        em.createNativeQuery("""
                        INSERT INTO specialist_request (request_id, team_id, function, employee_id, note, requested_by, requested_at, status,
                                                        decided_by, decided_at, decision_note, member_id)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                        ON CONFLICT (request_id) DO UPDATE SET status = EXCLUDED.status, decided_by = EXCLUDED.decided_by,
                            decided_at = EXCLUDED.decided_at, decision_note = EXCLUDED.decision_note, member_id = EXCLUDED.member_id""")
                .setParameter(1, request.requestId()).setParameter(2, request.teamId()).setParameter(3, request.function().name())
                .setParameter(4, request.employeeId()).setParameter(5, request.note()).setParameter(6, request.requestedBy())
                .setParameter(7, Timestamp.from(request.requestedAt())).setParameter(8, request.status())
                .setParameter(9, request.decidedBy()).setParameter(10, request.decidedAt() == null ? null : Timestamp.from(request.decidedAt()))
                .setParameter(11, request.decisionNote()).setParameter(12, request.memberId())
                .executeUpdate();
    }

    /** The specialist requests of a team, oldest first; {@code forUpdate} locks them. */
    public List<SpecialistRequest> specialistRequests(UUID teamId) {
        return Jdbc.query(em, """
                        SELECT request_id, team_id, function, employee_id, note, requested_by, requested_at, status, decided_by, decided_at,
                               decision_note, member_id FROM specialist_request WHERE team_id = ? ORDER BY requested_at, request_id""",
                (connection, statement) -> statement.setObject(1, teamId),
                row -> new SpecialistRequest(row.getObject(1, UUID.class), row.getObject(2, UUID.class), StaffFunction.valueOf(row.getString(3)),
                        row.getString(4), row.getString(5), row.getString(6), row.getTimestamp(7).toInstant(), row.getString(8),
                        row.getString(9), row.getTimestamp(10) == null ? null : row.getTimestamp(10).toInstant(), row.getString(11),
                        row.getString(12)));
    }

    // --- supplier status ------------------------------------------------------------------------------

    /**
     * Observes the customers' supplier status, in order: a row for each that differs from the customer's last observed
     * (the statements of a batch run one after the other, each seeing the rows before it).
     */
    public void observeSupplierStatus(List<Map.Entry<UUID, String>> statuses, Instant at) {
        Jdbc.batch(em, """
                INSERT INTO supplier_status_history (customer_id, status, observed_at)
                SELECT ?, ?, ? WHERE ? IS DISTINCT FROM (SELECT status FROM supplier_status_history
                    WHERE customer_id = ? ORDER BY observed_at DESC, id DESC LIMIT 1)""", statuses, (insert, entry) -> {
            insert.setObject(1, entry.getKey());
            insert.setString(2, entry.getValue());
            insert.setTimestamp(3, Timestamp.from(at));
            insert.setString(4, entry.getValue());
            insert.setObject(5, entry.getKey());
        });
    }

    /** The supplier status observations of a customer, oldest first. */
    public List<Map.Entry<String, Instant>> supplierStatusHistory(UUID customerId) {
        return Jdbc.query(em, "SELECT status, observed_at FROM supplier_status_history WHERE customer_id = ? ORDER BY observed_at, id",
                (connection, statement) -> statement.setObject(1, customerId),
                row -> Map.entry(row.getString(1), row.getTimestamp(2).toInstant()));
    }

    /**
     * The supplier status of each customer with an open (forming or active) team, at {@code at}: the last observation
     * then, or none for a customer observed only later.
     */
    public Map<UUID, String> supplierStatusOfOpenTeams(Instant at) {
        Map<UUID, String> statuses = new HashMap<>();
        Jdbc.query(em, """
                SELECT t.customer_id, (SELECT h.status FROM supplier_status_history h WHERE h.customer_id = t.customer_id
                                         AND h.observed_at <= ? ORDER BY h.observed_at DESC, h.id DESC LIMIT 1)
                FROM team t WHERE t.status IN ('FORMING', 'ACTIVE')""", (connection, statement) -> statement.setTimestamp(1, Timestamp.from(at)),
                row -> Map.entry(row.getObject(1, UUID.class), java.util.Optional.ofNullable(row.getString(2))))
                .forEach(entry -> entry.getValue().ifPresent(status -> statuses.put(entry.getKey(), status)));
        return statuses;
    }

    public List<Contact> contacts(UUID customerId) {
        List<?> rows = em.createNativeQuery("SELECT CAST(contacts AS text) FROM customer_shape WHERE customer_id = ?1")
                .setParameter(1, customerId).getResultList();
        return rows.isEmpty() ? List.of() : List.of(StoredJson.read((String) rows.get(0), Contact[].class));
    }

    // --- plans and relationships ----------------------------------------------------------------------

    public Optional<AccountPlan> plan(UUID teamId) {
        List<?> rows = em.createNativeQuery("""
                        SELECT CAST(jsonb_build_object('mission', mission, 'goals', goals, 'communication', communication,
                                                       'version', version) AS text) FROM account_plan WHERE team_id = ?1""")
                .setParameter(1, teamId).getResultList();
        return rows.stream().findFirst().map(json -> StoredJson.read((String) json, AccountPlan.class));
    }

    public void savePlan(UUID teamId, AccountPlan plan, String by) {
        em.createNativeQuery("""
                        INSERT INTO account_plan (team_id, mission, goals, communication, version, updated_by, updated_at)
                        VALUES (?1, ?2, CAST(?3 AS jsonb), CAST(?4 AS jsonb), ?5, ?6, now())
                        ON CONFLICT (team_id) DO UPDATE SET mission = EXCLUDED.mission, goals = EXCLUDED.goals,
                            communication = EXCLUDED.communication, version = EXCLUDED.version,
                            updated_by = EXCLUDED.updated_by, updated_at = now()""")
                .setParameter(1, teamId)
                .setParameter(2, plan.mission())
                .setParameter(3, StoredJson.write(plan.goals()))
                .setParameter(4, StoredJson.write(plan.communication()))
                .setParameter(5, plan.version())
                .setParameter(6, by)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Relationship> relationships(UUID teamId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT contact_id, owner_employee_id, cadence_days, last_contact FROM relationship
                        WHERE team_id = ?1 ORDER BY contact_id""").setParameter(1, teamId).getResultList();
        return rows.stream().map(row -> new Relationship((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                localDate(row[3]))).toList();
    }

    public void saveRelationship(UUID teamId, Relationship relationship) {
        em.createNativeQuery("""
                        INSERT INTO relationship (team_id, contact_id, owner_employee_id, cadence_days, last_contact, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, now())
                        ON CONFLICT (team_id, contact_id) DO UPDATE SET owner_employee_id = EXCLUDED.owner_employee_id,
                            cadence_days = EXCLUDED.cadence_days, last_contact = EXCLUDED.last_contact, updated_at = now()""")
                .setParameter(1, teamId)
                .setParameter(2, relationship.contactId())
                .setParameter(3, relationship.ownerEmployeeId())
                .setParameter(4, relationship.cadenceDays())
                .setParameter(5, relationship.lastContact() == null ? null : java.sql.Date.valueOf(relationship.lastContact()))
                .executeUpdate();
    }

    public Optional<StaffMember> staffMember(String employeeId) {
        return staff("WHERE employee_id = ?1", employeeId).stream().findFirst();
    }

    private static java.time.LocalDate localDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date date ? date.toLocalDate() : (java.time.LocalDate) value;
    }

    // --- teams ----------------------------------------------------------------------------------------

    /** The customer's open (not dissolved) team, locked until the transaction ends. */
    @SuppressWarnings("unchecked")
    public Optional<Team> openTeamForUpdate(UUID customerId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text), CAST(wind_down AS text) FROM team
                        WHERE customer_id = ?1 AND status <> 'DISSOLVED' FOR UPDATE""").setParameter(1, customerId).getResultList();
        return restoreAll(rows).stream().findFirst();
    }

    /** The open teams the person is on, locked until the transaction ends (in customer order, as every writer locks them). */
    @SuppressWarnings("unchecked")
    public List<Team> openTeamsOfForUpdate(String employeeId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text), CAST(wind_down AS text) FROM team t
                        WHERE status <> 'DISSOLVED' AND EXISTS (SELECT 1 FROM team_member m
                            WHERE m.team_id = t.team_id AND m.released_at IS NULL AND m.employee_id = ?1)
                        ORDER BY customer_id FOR UPDATE""").setParameter(1, employeeId).getResultList();
        return restoreAll(rows);
    }

    /** Which of {@code customerIds} have an open team. */
    public Set<UUID> withOpenTeam(Collection<UUID> customerIds) {
        return new HashSet<>(Jdbc.queryByIds(em, "SELECT customer_id FROM team WHERE customer_id = ANY(?) AND status <> 'DISSOLVED'", customerIds,
                row -> row.getObject(1, UUID.class)));
    }

    /** The customer's current team, or its last dissolved one. */
    @SuppressWarnings("unchecked")
    public Optional<Team> latestTeam(UUID customerId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text), CAST(wind_down AS text) FROM team
                        WHERE customer_id = ?1 ORDER BY (status <> 'DISSOLVED') DESC, updated_at DESC LIMIT 1""")
                .setParameter(1, customerId).getResultList();
        return restoreAll(rows).stream().findFirst();
    }

    /** Teams in customer order, of one status and (or) with {@code employeeId} as an active member when given, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<Team> teams(TeamStatus status, String employeeId, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + TEAM_COLUMNS + """
                         t WHERE (CAST(?1 AS text) IS NULL OR status = CAST(?1 AS text))
                          AND (CAST(?2 AS text) IS NULL OR EXISTS (SELECT 1 FROM team_member m
                              WHERE m.team_id = t.team_id AND m.released_at IS NULL AND m.employee_id = CAST(?2 AS text)))
                        ORDER BY customer_id LIMIT ?3""")
                .setParameter(1, status == null ? null : status.name())
                .setParameter(2, employeeId)
                .setParameter(3, limit)
                .getResultList();
        return restoreAll(rows);
    }

    /** Open coverage gaps of forming teams by kind, summed from the counts each team is stored with. */
    public Map<CoverageGap.Kind, Long> formingTeamGaps() {
        countGapsOfTeamsStoredWithout();
        Object[] sums = (Object[]) em.createNativeQuery("""
                        SELECT COALESCE(SUM(role_gaps), 0), COALESCE(SUM(region_gaps), 0), COALESCE(SUM(unit_gaps), 0)
                        FROM team WHERE status = 'FORMING'""").getSingleResult();
        Map<CoverageGap.Kind, Long> gaps = new EnumMap<>(CoverageGap.Kind.class);
        gaps.put(CoverageGap.Kind.ROLE, ((Number) sums[0]).longValue());
        gaps.put(CoverageGap.Kind.REGION, ((Number) sums[1]).longValue());
        gaps.put(CoverageGap.Kind.OPERATING_UNIT, ((Number) sums[2]).longValue());
        return gaps;
    }

    /** Teams stored before gap counts were kept (migration V4) get theirs, a page at a time, from the domain's own rule. */
    @SuppressWarnings("unchecked")
    private void countGapsOfTeamsStoredWithout() {
        List<Object[]> rows;
        do {
            rows = em.createNativeQuery("SELECT " + TEAM_COLUMNS + " WHERE role_gaps IS NULL ORDER BY team_id LIMIT 500 FOR UPDATE SKIP LOCKED")
                    .getResultList();
            Jdbc.batch(em, "UPDATE team SET role_gaps = ?, region_gaps = ?, unit_gaps = ? WHERE team_id = ?", restoreAll(rows), (update, team) -> {
                GapCounts counts = GapCounts.of(team);
                update.setInt(1, counts.roles());
                update.setInt(2, counts.regions());
                update.setInt(3, counts.units());
                update.setObject(4, team.teamId());
            });
        } while (rows.size() == 500);
    }

    /** A team's open coverage gaps by kind, as stored beside it for the gauge. */
    private record GapCounts(int roles, int regions, int units) {
        static GapCounts of(Team team) {
            List<CoverageGap> gaps = team.coverageGaps();
            return new GapCounts(count(gaps, CoverageGap.Kind.ROLE), count(gaps, CoverageGap.Kind.REGION), count(gaps, CoverageGap.Kind.OPERATING_UNIT));
        }

        private static int count(List<CoverageGap> gaps, CoverageGap.Kind kind) {
            return (int) gaps.stream().filter(gap -> gap.kind() == kind).count();
        }
    }

    /** Inserts teams just formed (no members yet), in one statement. */
    public void saveNewTeams(Collection<Team> teams) {
        Jdbc.batch(em, """
                INSERT INTO team (team_id, customer_id, designation, status, regions, operating_units, identification, role_gaps, region_gaps,
                                  unit_gaps, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, now(), now())""", teams, (insert, team) -> {
            if (!team.memberships().isEmpty()) {
                throw new IllegalArgumentException("team " + team.teamId() + " is not new: it has members");
            }
            insert.setObject(1, team.teamId());
            insert.setObject(2, UUID.fromString(team.customerId()));
            insert.setString(3, team.designation());
            insert.setString(4, team.status().name());
            insert.setArray(5, insert.getConnection().createArrayOf("text", team.regions().toArray()));
            insert.setArray(6, insert.getConnection().createArrayOf("text", team.operatingUnits().toArray()));
            insert.setString(7, json(team.identification()));
            GapCounts gaps = GapCounts.of(team);
            insert.setInt(8, gaps.roles());
            insert.setInt(9, gaps.regions());
            insert.setInt(10, gaps.units());
        });
    }

    private static String json(Object value) {
        return value == null ? null : StoredJson.write(value);
    }

    /** Which dissolved team a new one took its plan and relationship map from. */
    public void markRestored(UUID teamId, UUID from) {
        em.createNativeQuery("UPDATE team SET restored_from = ?2 WHERE team_id = ?1").setParameter(1, teamId).setParameter(2, from).executeUpdate();
    }

    /** Copies the account plan and the relationship map of a dissolved team to the new team of the same customer. */
    public void copyPlanAndRelationships(UUID from, UUID to) {
        em.createNativeQuery("""
                        INSERT INTO account_plan (team_id, mission, goals, communication, version, updated_by, updated_at)
                        SELECT ?2, mission, goals, communication, version, updated_by, now() FROM account_plan WHERE team_id = ?1""")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
        em.createNativeQuery("""
                        INSERT INTO relationship (team_id, contact_id, owner_employee_id, cadence_days, last_contact, updated_at)
                        SELECT ?2, contact_id, owner_employee_id, cadence_days, last_contact, now() FROM relationship WHERE team_id = ?1""")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
    }

    /** The last dissolved team of each of {@code customerIds} that had one. */
    public Map<UUID, UUID> lastDissolvedTeams(Collection<UUID> customerIds) {
        Map<UUID, UUID> teams = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT DISTINCT ON (customer_id) customer_id, team_id FROM team
                        WHERE customer_id = ANY(?) AND status = 'DISSOLVED' ORDER BY customer_id, updated_at DESC""", customerIds,
                row -> Map.entry(row.getObject(1, UUID.class), row.getObject(2, UUID.class)))
                .forEach(entry -> teams.put(entry.getKey(), entry.getValue()));
        return teams;
    }

    /** The roles people hold on open teams, with their directory entry. */
    public List<Map.Entry<TeamRole, StaffMember>> staffHoldingRolesOnOpenTeams() {
        List<Map.Entry<TeamRole, String>> held = Jdbc.query(em, """
                        SELECT DISTINCT m.role, m.employee_id FROM team_member m JOIN team t ON t.team_id = m.team_id
                        WHERE m.released_at IS NULL AND t.status <> 'DISSOLVED'""",
                row -> Map.entry(TeamRole.valueOf(row.getString(1)), row.getString(2)));
        Map<String, StaffMember> staff = new HashMap<>();
        held.forEach(entry -> staff.computeIfAbsent(entry.getValue(), id -> staffMember(id).orElse(null)));
        return held.stream().filter(entry -> staff.get(entry.getValue()) != null)
                .map(entry -> Map.entry(entry.getKey(), staff.get(entry.getValue()))).toList();
    }

    /** Winding-down teams whose wind-down is over at {@code now}, locked, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<Team> windDownsOverForUpdate(Instant now, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + TEAM_COLUMNS + """
                         WHERE status = 'WINDING_DOWN' AND (wind_down ->> 'until') IS NOT NULL
                           AND CAST(wind_down ->> 'until' AS timestamptz) <= ?1
                        ORDER BY customer_id LIMIT\s""" + limit + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(now)).getResultList();
        return restoreAll(rows);
    }

    public void saveTeam(Team team) {
        GapCounts gaps = GapCounts.of(team);
        em.createNativeQuery("""
                        INSERT INTO team (team_id, customer_id, designation, status, regions, operating_units, identification, wind_down,
                                          role_gaps, region_gaps, unit_gaps, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS jsonb), CAST(?8 AS jsonb), ?9, ?10, ?11, now(), now())
                        ON CONFLICT (team_id) DO UPDATE SET designation = EXCLUDED.designation, status = EXCLUDED.status,
                            regions = EXCLUDED.regions, operating_units = EXCLUDED.operating_units,
                            identification = EXCLUDED.identification, wind_down = EXCLUDED.wind_down, role_gaps = EXCLUDED.role_gaps,
                            region_gaps = EXCLUDED.region_gaps, unit_gaps = EXCLUDED.unit_gaps, updated_at = now()""")
                .setParameter(1, team.teamId())
                .setParameter(2, UUID.fromString(team.customerId()))
                .setParameter(3, team.designation())
                .setParameter(4, team.status().name())
                .setParameter(5, team.regions().toArray(String[]::new))
                .setParameter(6, team.operatingUnits().toArray(String[]::new))
                .setParameter(7, json(team.identification()))
                .setParameter(8, json(team.windDownState()))
                .setParameter(9, gaps.roles())
                .setParameter(10, gaps.regions())
                .setParameter(11, gaps.units())
                .executeUpdate();
        for (Membership membership : team.memberships()) {
            em.createNativeQuery("""
                            INSERT INTO team_member (member_id, team_id, employee_id, role, coverage, since, released_at, coordination)
                            VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text[]), ?6, ?7, CAST(?8 AS jsonb))
                            ON CONFLICT (member_id) DO UPDATE SET released_at = EXCLUDED.released_at, coordination = EXCLUDED.coordination""")
                    .setParameter(1, membership.memberId())
                    .setParameter(2, team.teamId())
                    .setParameter(3, membership.employeeId())
                    .setParameter(4, membership.role().name())
                    .setParameter(5, membership.coverage().toArray(String[]::new))
                    .setParameter(6, Timestamp.from(membership.since()))
                    .setParameter(7, membership.releasedAt() == null ? null : Timestamp.from(membership.releasedAt()))
                    .setParameter(8, json(membership.coordination()))
                    .executeUpdate();
        }
    }

    /** Teams from rows of {@link #TEAM_COLUMNS}, in the rows' order, with the members of all of them read in one query. */
    private List<Team> restoreAll(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Membership>> members = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT team_id, member_id, employee_id, role, coverage, since, released_at, CAST(coordination AS text) FROM team_member
                        WHERE team_id = ANY(?) ORDER BY team_id, since, member_id""", rows.stream().map(row -> (UUID) row[0]).toList(),
                member -> members.computeIfAbsent(member.getObject(1, UUID.class), ignored -> new ArrayList<>()).add(new Membership(
                        member.getString(2), member.getString(3), TeamRole.valueOf(member.getString(4)), strings(member.getArray(5).getArray()),
                        instant(member.getTimestamp(6)), instant(member.getTimestamp(7)),
                        member.getString(8) == null ? null : StoredJson.read(member.getString(8), Coordination.class))));
        return rows.stream().map(row -> Team.restore((UUID) row[0], row[1].toString(), (String) row[2], TeamStatus.valueOf((String) row[3]),
                orderedSet(row[4]), orderedSet(row[5]), members.getOrDefault((UUID) row[0], List.of()),
                row[6] == null ? null : StoredJson.read((String) row[6], Identification.class),
                row[7] == null ? null : StoredJson.read((String) row[7], Team.WindDown.class))).toList();
    }

    private static Set<String> orderedSet(Object array) {
        return new java.util.LinkedHashSet<>(orderedStrings(array));
    }

    private static List<String> orderedStrings(Object array) {
        if (array instanceof Object[] objects) {
            return Arrays.stream(objects).map(String::valueOf).toList();
        }
        return List.of();
    }

    private static Set<String> strings(Object array) {
        if (array instanceof String[] strings) {
            return Set.of(strings);
        }
        if (array instanceof Object[] objects) {
            return Arrays.stream(objects).map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }

    /** How many teams are in each status. */
    public Map<TeamStatus, Long> countByStatus() {
        Map<TeamStatus, Long> counts = new java.util.EnumMap<>(TeamStatus.class);
        Jdbc.query(em, "SELECT status, count(*) FROM team GROUP BY status",
                row -> Map.entry(TeamStatus.valueOf(row.getString(1)), row.getLong(2))).forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }
}
