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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Staff, customer shapes and teams, through plain SQL ({@link Jdbc}, one constant statement each, rows mapped to
 * domain types): aggregates are loaded and saved whole, their members with them in one statement, never one per row.
 */
@ApplicationScoped
public class TeamRepository {

    /**
     * What the teams keep of a customer: its operating units, functional areas and our supplier status (the customer's
     * sales territories come from scoring). {@code regions} are the regions of its locations, as its CRM names them.
     */
    public record CustomerShape(UUID customerId, String legalName, String industry, Set<String> regions,
                                Set<String> operatingUnits, long eventSequence, Set<String> functionalAreas, String supplierStatus) {
    }

    private final EntityManager em;

    TeamRepository(EntityManager em) {
        this.em = em;
    }

    // --- staff ----------------------------------------------------------------------------------------

    public void saveStaff(StaffMember staff) {
        Jdbc.update(em, """
                INSERT INTO staff (employee_id, name, email, function, regions, industries, capacity, manager_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (employee_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
                    function = EXCLUDED.function, regions = EXCLUDED.regions, industries = EXCLUDED.industries,
                    capacity = EXCLUDED.capacity, manager_id = EXCLUDED.manager_id, updated_at = now()""", (connection, statement) -> {
            statement.setString(1, staff.employeeId());
            statement.setString(2, staff.name());
            statement.setString(3, staff.email());
            statement.setString(4, staff.function().name());
            statement.setArray(5, connection.createArrayOf("text", staff.regions().toArray()));
            statement.setArray(6, connection.createArrayOf("text", staff.industries().toArray()));
            statement.setInt(7, staff.capacity());
            statement.setString(8, staff.managerId());
        });
    }

    /** Loads a person and locks them until the transaction ends: two teams cannot both take their last capacity. */
    public Optional<StaffMember> staffForUpdate(String employeeId) {
        return Jdbc.query(em, """
                SELECT employee_id, name, email, function, regions, industries, capacity, manager_id FROM staff
                WHERE employee_id = ? FOR UPDATE""", (connection, statement) -> statement.setString(1, employeeId),
                TeamRepository::toStaff).stream().findFirst();
    }

    /**
     * A page of the staff directory in employee order after {@code afterEmployeeId} (null: from the start), of one function
     * and (or) covering one region when given.
     */
    public List<StaffMember> staffPage(StaffFunction function, String region, String afterEmployeeId, int limit) {
        return Jdbc.query(em, """
                SELECT employee_id, name, email, function, regions, industries, capacity, manager_id FROM staff
                WHERE (CAST(? AS text) IS NULL OR function = ?) AND (CAST(? AS text) IS NULL OR ? = ANY(regions))
                  AND (CAST(? AS text) IS NULL OR employee_id > ?)
                ORDER BY employee_id LIMIT ?""", (connection, statement) -> {
            String functionName = function == null ? null : function.name();
            statement.setString(1, functionName);
            statement.setString(2, functionName);
            statement.setString(3, region);
            statement.setString(4, region);
            statement.setString(5, afterEmployeeId);
            statement.setString(6, afterEmployeeId);
            statement.setInt(7, limit);
        }, TeamRepository::toStaff);
    }

    /** The staff directory in employee order, of one function and (or) covering one region when given. */
    public List<StaffMember> staffByFunction(StaffFunction function, String region) {
        return staffPage(function, region, null, Integer.MAX_VALUE);
    }

    public Optional<StaffMember> staffMember(String employeeId) {
        return staffMembers(List.of(employeeId)).stream().findFirst();
    }

    /** The directory entries of {@code employeeIds} that exist. */
    public List<StaffMember> staffMembers(Collection<String> employeeIds) {
        return Jdbc.query(em, """
                SELECT employee_id, name, email, function, regions, industries, capacity, manager_id FROM staff
                WHERE employee_id = ANY(?) ORDER BY employee_id""",
                (connection, statement) -> statement.setArray(1, connection.createArrayOf("text", employeeIds.toArray())), TeamRepository::toStaff);
    }

    private static StaffMember toStaff(ResultSet row) throws SQLException {
        return new StaffMember(row.getString(1), row.getString(2), row.getString(3), StaffFunction.valueOf(row.getString(4)),
                Set.copyOf(Jdbc.strings(row, 5)), Set.copyOf(Jdbc.strings(row, 6)), row.getInt(7), row.getString(8));
    }

    /** How many open teams the person is on now. */
    public int activeTeamCount(String employeeId) {
        return Jdbc.query(em, """
                SELECT count(DISTINCT m.team_id) FROM team_member m JOIN team t ON t.team_id = m.team_id
                WHERE m.employee_id = ? AND m.released_at IS NULL AND t.status <> 'DISSOLVED'""",
                (connection, statement) -> statement.setString(1, employeeId), row -> row.getInt(1)).get(0);
    }

    /**
     * The management chain above {@code managerId} (their manager, then that manager's, ...) up to and including
     * {@code employeeId} when it appears in it: a non-empty answer means making {@code managerId} the manager of
     * {@code employeeId} would close a cycle. At most 100 levels are followed.
     */
    public List<String> chainUpTo(String managerId, String employeeId) {
        return Jdbc.query(em, """
                WITH RECURSIVE chain (employee_id, manager_id, depth, path) AS (
                    SELECT employee_id, manager_id, 1, ARRAY[employee_id::text] FROM staff WHERE employee_id = ?
                    UNION ALL
                    SELECT s.employee_id, s.manager_id, c.depth + 1, c.path || s.employee_id::text
                    FROM staff s JOIN chain c ON s.employee_id = c.manager_id
                    WHERE c.depth < 100 AND c.employee_id <> ? AND NOT s.employee_id = ANY(c.path))
                SELECT path FROM chain WHERE employee_id = ?""", (connection, statement) -> {
            statement.setString(1, managerId);
            statement.setString(2, employeeId);
            statement.setString(3, employeeId);
        }, row -> Jdbc.strings(row, 1)).stream().findFirst().orElse(List.of());
    }

    // --- customer shapes ------------------------------------------------------------------------------

    public Optional<CustomerShape> shapeForUpdate(UUID customerId) {
        return Optional.ofNullable(shapesForUpdate(List.of(customerId)).get(customerId));
    }

    /** The shapes of {@code customerIds}, locked in id order. */
    public Map<UUID, CustomerShape> shapesForUpdate(Collection<UUID> customerIds) {
        Map<UUID, CustomerShape> shapes = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT customer_id, legal_name, industry, regions, operating_units, event_sequence, functional_areas,
                               supplier_status FROM customer_shape
                        WHERE customer_id = ANY(?) ORDER BY customer_id FOR UPDATE""", customerIds,
                row -> new CustomerShape(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        Set.copyOf(Jdbc.strings(row, 4)), Set.copyOf(Jdbc.strings(row, 5)), row.getLong(6),
                        Set.copyOf(Jdbc.strings(row, 7)), row.getString(8)))
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
        return Jdbc.query(em, "SELECT functional_areas FROM customer_shape WHERE customer_id = ?",
                (connection, statement) -> statement.setObject(1, customerId), row -> Set.copyOf(Jdbc.strings(row, 1))).stream()
                .findFirst().orElse(Set.of());
    }

    // --- specialist requests -------------------------------------------------------------------------

    /** A specialist the key account manager asked for; the head of the function decides. */
    public record SpecialistRequest(UUID requestId, UUID teamId, StaffFunction function, String employeeId, String note,
                                    String requestedBy, Instant requestedAt, String status, String decidedBy, Instant decidedAt,
                                    String decisionNote, String memberId) {
    }

    public void saveSpecialistRequest(SpecialistRequest request) {
        Jdbc.update(em, """
                INSERT INTO specialist_request (request_id, team_id, function, employee_id, note, requested_by, requested_at, status,
                                                decided_by, decided_at, decision_note, member_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (request_id) DO UPDATE SET status = EXCLUDED.status, decided_by = EXCLUDED.decided_by,
                    decided_at = EXCLUDED.decided_at, decision_note = EXCLUDED.decision_note, member_id = EXCLUDED.member_id""",
                (connection, statement) -> {
                    statement.setObject(1, request.requestId());
                    statement.setObject(2, request.teamId());
                    statement.setString(3, request.function().name());
                    statement.setString(4, request.employeeId());
                    statement.setString(5, request.note());
                    statement.setString(6, request.requestedBy());
                    Jdbc.setInstant(statement, 7, request.requestedAt());
                    statement.setString(8, request.status());
                    statement.setString(9, request.decidedBy());
                    Jdbc.setInstant(statement, 10, request.decidedAt());
                    statement.setString(11, request.decisionNote());
                    statement.setString(12, request.memberId());
                });
    }

    /** The specialist requests of a team, oldest first; {@code forUpdate} locks them. */
    public List<SpecialistRequest> specialistRequests(UUID teamId) {
        return Jdbc.query(em, """
                        SELECT request_id, team_id, function, employee_id, note, requested_by, requested_at, status, decided_by, decided_at,
                               decision_note, member_id FROM specialist_request WHERE team_id = ? ORDER BY requested_at, request_id""",
                (connection, statement) -> statement.setObject(1, teamId),
                row -> new SpecialistRequest(row.getObject(1, UUID.class), row.getObject(2, UUID.class), StaffFunction.valueOf(row.getString(3)),
                        row.getString(4), row.getString(5), row.getString(6), Jdbc.instant(row, 7), row.getString(8),
                        row.getString(9), Jdbc.instant(row, 10), row.getString(11), row.getString(12)));
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
            Jdbc.setInstant(insert, 3, at);
            insert.setString(4, entry.getValue());
            insert.setObject(5, entry.getKey());
        });
    }

    /** The supplier status observations of a customer, oldest first. */
    public List<Map.Entry<String, Instant>> supplierStatusHistory(UUID customerId) {
        return Jdbc.query(em, "SELECT status, observed_at FROM supplier_status_history WHERE customer_id = ? ORDER BY observed_at, id",
                (connection, statement) -> statement.setObject(1, customerId),
                row -> Map.entry(row.getString(1), Jdbc.instant(row, 2)));
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
                FROM team t WHERE t.status IN ('FORMING', 'ACTIVE')""", (connection, statement) -> Jdbc.setInstant(statement, 1, at),
                row -> Map.entry(row.getObject(1, UUID.class), java.util.Optional.ofNullable(row.getString(2))))
                .forEach(entry -> entry.getValue().ifPresent(status -> statuses.put(entry.getKey(), status)));
        return statuses;
    }

    public List<Contact> contacts(UUID customerId) {
        return Jdbc.query(em, "SELECT CAST(contacts AS text) FROM customer_shape WHERE customer_id = ?",
                (connection, statement) -> statement.setObject(1, customerId), row -> List.of(StoredJson.read(row.getString(1), Contact[].class)))
                .stream().findFirst().orElse(List.of());
    }

    // --- plans and relationships ----------------------------------------------------------------------

    public Optional<AccountPlan> plan(UUID teamId) {
        return Jdbc.query(em, """
                SELECT CAST(jsonb_build_object('mission', mission, 'goals', goals, 'communication', communication,
                                               'version', version) AS text) FROM account_plan WHERE team_id = ?""",
                (connection, statement) -> statement.setObject(1, teamId), row -> StoredJson.read(row.getString(1), AccountPlan.class))
                .stream().findFirst();
    }

    public void savePlan(UUID teamId, AccountPlan plan, String by) {
        Jdbc.update(em, """
                INSERT INTO account_plan (team_id, mission, goals, communication, version, updated_by, updated_at)
                VALUES (?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, now())
                ON CONFLICT (team_id) DO UPDATE SET mission = EXCLUDED.mission, goals = EXCLUDED.goals,
                    communication = EXCLUDED.communication, version = EXCLUDED.version,
                    updated_by = EXCLUDED.updated_by, updated_at = now()""", (connection, statement) -> {
            statement.setObject(1, teamId);
            statement.setString(2, plan.mission());
            statement.setString(3, StoredJson.write(plan.goals()));
            statement.setString(4, StoredJson.write(plan.communication()));
            statement.setLong(5, plan.version());
            statement.setString(6, by);
        });
    }

    public List<Relationship> relationships(UUID teamId) {
        return Jdbc.query(em, """
                SELECT contact_id, owner_employee_id, cadence_days, last_contact FROM relationship WHERE team_id = ? ORDER BY contact_id""",
                (connection, statement) -> statement.setObject(1, teamId),
                row -> new Relationship(row.getString(1), row.getString(2), row.getInt(3),
                        row.getDate(4) == null ? null : row.getDate(4).toLocalDate()));
    }

    public void saveRelationship(UUID teamId, Relationship relationship) {
        Jdbc.update(em, """
                INSERT INTO relationship (team_id, contact_id, owner_employee_id, cadence_days, last_contact, updated_at)
                VALUES (?, ?, ?, ?, ?, now())
                ON CONFLICT (team_id, contact_id) DO UPDATE SET owner_employee_id = EXCLUDED.owner_employee_id,
                    cadence_days = EXCLUDED.cadence_days, last_contact = EXCLUDED.last_contact, updated_at = now()""", (connection, statement) -> {
            statement.setObject(1, teamId);
            statement.setString(2, relationship.contactId());
            statement.setString(3, relationship.ownerEmployeeId());
            statement.setInt(4, relationship.cadenceDays());
            statement.setDate(5, relationship.lastContact() == null ? null : java.sql.Date.valueOf(relationship.lastContact()));
        });
    }

    // --- teams ----------------------------------------------------------------------------------------

    /** The customer's open (not dissolved) team, locked until the transaction ends. */
    public Optional<Team> openTeamForUpdate(UUID customerId) {
        return restoreAll(Jdbc.query(em, """
                SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text),
                       CAST(wind_down AS text)
                FROM team WHERE customer_id = ? AND status <> 'DISSOLVED' FOR UPDATE""",
                (connection, statement) -> statement.setObject(1, customerId), TeamRepository::toTeamRow)).stream().findFirst();
    }

    /** The open teams the person is on, locked until the transaction ends (in customer order, as every writer locks them). */
    public List<Team> openTeamsOfForUpdate(String employeeId) {
        return restoreAll(Jdbc.query(em, """
                SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text),
                       CAST(wind_down AS text)
                FROM team t
                WHERE status <> 'DISSOLVED' AND EXISTS (SELECT 1 FROM team_member m
                    WHERE m.team_id = t.team_id AND m.released_at IS NULL AND m.employee_id = ?)
                ORDER BY customer_id FOR UPDATE""", (connection, statement) -> statement.setString(1, employeeId), TeamRepository::toTeamRow));
    }

    /** Which of {@code customerIds} have an open team. */
    public Set<UUID> withOpenTeam(Collection<UUID> customerIds) {
        return new HashSet<>(Jdbc.queryByIds(em, "SELECT customer_id FROM team WHERE customer_id = ANY(?) AND status <> 'DISSOLVED'", customerIds,
                row -> row.getObject(1, UUID.class)));
    }

    /** The customer's current team, or its last dissolved one. */
    public Optional<Team> latestTeam(UUID customerId) {
        return restoreAll(Jdbc.query(em, """
                SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text),
                       CAST(wind_down AS text)
                FROM team WHERE customer_id = ? ORDER BY (status <> 'DISSOLVED') DESC, updated_at DESC LIMIT 1""",
                (connection, statement) -> statement.setObject(1, customerId), TeamRepository::toTeamRow)).stream().findFirst();
    }

    /** Teams of one status and (or) with {@code employeeId} as an active member when given, at most {@code limit}. */
    public List<Team> teams(TeamStatus status, String employeeId, int limit) {
        return teams(status, employeeId, null, limit);
    }

    /**
     * A page of teams in the order of their ids after {@code afterTeamId} (null: from the start), of one status and (or)
     * with {@code employeeId} as an active member when given, at most {@code limit}.
     */
    public List<Team> teams(TeamStatus status, String employeeId, UUID afterTeamId, int limit) {
        return restoreAll(Jdbc.query(em, """
                SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text),
                       CAST(wind_down AS text)
                FROM team t
                WHERE (CAST(? AS text) IS NULL OR status = ?)
                  AND (CAST(? AS text) IS NULL OR EXISTS (SELECT 1 FROM team_member m
                      WHERE m.team_id = t.team_id AND m.released_at IS NULL AND m.employee_id = ?))
                  AND (CAST(? AS uuid) IS NULL OR team_id > ?)
                ORDER BY team_id LIMIT ?""", (connection, statement) -> {
            String statusName = status == null ? null : status.name();
            statement.setString(1, statusName);
            statement.setString(2, statusName);
            statement.setString(3, employeeId);
            statement.setString(4, employeeId);
            statement.setObject(5, afterTeamId);
            statement.setObject(6, afterTeamId);
            statement.setInt(7, limit);
        }, TeamRepository::toTeamRow));
    }

    /** Open coverage gaps of forming teams by kind, summed from the counts each team is stored with. */
    public Map<CoverageGap.Kind, Long> formingTeamGaps() {
        countGapsOfTeamsStoredWithout();
        return Jdbc.query(em, """
                SELECT COALESCE(SUM(role_gaps), 0), COALESCE(SUM(region_gaps), 0), COALESCE(SUM(unit_gaps), 0)
                FROM team WHERE status = 'FORMING'""", row -> {
            Map<CoverageGap.Kind, Long> gaps = new EnumMap<>(CoverageGap.Kind.class);
            gaps.put(CoverageGap.Kind.ROLE, row.getLong(1));
            gaps.put(CoverageGap.Kind.REGION, row.getLong(2));
            gaps.put(CoverageGap.Kind.OPERATING_UNIT, row.getLong(3));
            return gaps;
        }).get(0);
    }

    /** Teams stored before gap counts were kept (migration V4) get theirs, a page at a time, from the domain's own rule. */
    private void countGapsOfTeamsStoredWithout() {
        List<Team> teams;
        do {
            teams = restoreAll(Jdbc.query(em, """
                    SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text),
                           CAST(wind_down AS text)
                    FROM team WHERE role_gaps IS NULL ORDER BY team_id LIMIT 500 FOR UPDATE SKIP LOCKED""", TeamRepository::toTeamRow));
            Jdbc.batch(em, "UPDATE team SET role_gaps = ?, region_gaps = ?, unit_gaps = ? WHERE team_id = ?", teams, (update, team) -> {
                GapCounts counts = GapCounts.of(team);
                update.setInt(1, counts.roles());
                update.setInt(2, counts.regions());
                update.setInt(3, counts.units());
                update.setObject(4, team.teamId());
            });
        } while (teams.size() == 500);
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
        Jdbc.update(em, "UPDATE team SET restored_from = ? WHERE team_id = ?", (connection, statement) -> {
            statement.setObject(1, from);
            statement.setObject(2, teamId);
        });
    }

    /** Copies the account plan and the relationship map of a dissolved team to the new team of the same customer. */
    public void copyPlanAndRelationships(UUID from, UUID to) {
        Jdbc.update(em, """
                INSERT INTO account_plan (team_id, mission, goals, communication, version, updated_by, updated_at)
                SELECT ?, mission, goals, communication, version, updated_by, now() FROM account_plan WHERE team_id = ?""",
                (connection, statement) -> {
                    statement.setObject(1, to);
                    statement.setObject(2, from);
                });
        Jdbc.update(em, """
                INSERT INTO relationship (team_id, contact_id, owner_employee_id, cadence_days, last_contact, updated_at)
                SELECT ?, contact_id, owner_employee_id, cadence_days, last_contact, now() FROM relationship WHERE team_id = ?""",
                (connection, statement) -> {
                    statement.setObject(1, to);
                    statement.setObject(2, from);
                });
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
        staffMembers(held.stream().map(Map.Entry::getValue).distinct().toList()).forEach(member -> staff.put(member.employeeId(), member));
        return held.stream().filter(entry -> staff.get(entry.getValue()) != null)
                .map(entry -> Map.entry(entry.getKey(), staff.get(entry.getValue()))).toList();
    }

    /** Winding-down teams whose wind-down is over at {@code now}, locked, at most {@code limit}. */
    public List<Team> windDownsOverForUpdate(Instant now, int limit) {
        return restoreAll(Jdbc.query(em, """
                SELECT team_id, customer_id, designation, status, regions, operating_units, CAST(identification AS text),
                       CAST(wind_down AS text)
                FROM team
                WHERE status = 'WINDING_DOWN' AND (wind_down ->> 'until') IS NOT NULL AND CAST(wind_down ->> 'until' AS timestamptz) <= ?
                ORDER BY customer_id LIMIT ? FOR UPDATE SKIP LOCKED""", (connection, statement) -> {
            Jdbc.setInstant(statement, 1, now);
            statement.setInt(2, limit);
        }, TeamRepository::toTeamRow));
    }

    /** Saves a team and its memberships (one statement for all of them). */
    public void saveTeam(Team team) {
        GapCounts gaps = GapCounts.of(team);
        Jdbc.update(em, """
                INSERT INTO team (team_id, customer_id, designation, status, regions, operating_units, identification, wind_down,
                                  role_gaps, region_gaps, unit_gaps, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, now(), now())
                ON CONFLICT (team_id) DO UPDATE SET designation = EXCLUDED.designation, status = EXCLUDED.status,
                    regions = EXCLUDED.regions, operating_units = EXCLUDED.operating_units,
                    identification = EXCLUDED.identification, wind_down = EXCLUDED.wind_down, role_gaps = EXCLUDED.role_gaps,
                    region_gaps = EXCLUDED.region_gaps, unit_gaps = EXCLUDED.unit_gaps, updated_at = now()""", (connection, statement) -> {
            statement.setObject(1, team.teamId());
            statement.setObject(2, UUID.fromString(team.customerId()));
            statement.setString(3, team.designation());
            statement.setString(4, team.status().name());
            statement.setArray(5, connection.createArrayOf("text", team.regions().toArray()));
            statement.setArray(6, connection.createArrayOf("text", team.operatingUnits().toArray()));
            statement.setString(7, json(team.identification()));
            statement.setString(8, json(team.windDownState()));
            statement.setInt(9, gaps.roles());
            statement.setInt(10, gaps.regions());
            statement.setInt(11, gaps.units());
        });
        Jdbc.batch(em, """
                INSERT INTO team_member (member_id, team_id, employee_id, role, coverage, since, released_at, coordination)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                ON CONFLICT (member_id) DO UPDATE SET released_at = EXCLUDED.released_at, coordination = EXCLUDED.coordination""",
                team.memberships(), (insert, membership) -> {
                    insert.setString(1, membership.memberId());
                    insert.setObject(2, team.teamId());
                    insert.setString(3, membership.employeeId());
                    insert.setString(4, membership.role().name());
                    insert.setArray(5, insert.getConnection().createArrayOf("text", membership.coverage().toArray()));
                    Jdbc.setInstant(insert, 6, membership.since());
                    Jdbc.setInstant(insert, 7, membership.releasedAt());
                    insert.setString(8, json(membership.coordination()));
                });
    }

    /** A team's own row, before its members are read. */
    private record TeamRow(UUID teamId, String customerId, String designation, TeamStatus status, Set<String> regions,
                           Set<String> operatingUnits, Identification identification, Team.WindDown windDown) {
    }

    /**
     * Reads {@code team_id, customer_id, designation, status, regions, operating_units, identification, wind_down}; the
     * territories keep their stored order.
     */
    private static TeamRow toTeamRow(ResultSet row) throws SQLException {
        String identification = row.getString(7);
        String windDown = row.getString(8);
        return new TeamRow(row.getObject(1, UUID.class), row.getObject(2, UUID.class).toString(), row.getString(3),
                TeamStatus.valueOf(row.getString(4)), new LinkedHashSet<>(Jdbc.strings(row, 5)), new LinkedHashSet<>(Jdbc.strings(row, 6)),
                identification == null ? null : StoredJson.read(identification, Identification.class),
                windDown == null ? null : StoredJson.read(windDown, Team.WindDown.class));
    }

    /** Teams from their rows, in the rows' order, with the members of all of them read in one query. */
    private List<Team> restoreAll(List<TeamRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Membership>> members = new HashMap<>();
        Jdbc.queryByIds(em, """
                        SELECT team_id, member_id, employee_id, role, coverage, since, released_at, CAST(coordination AS text) FROM team_member
                        WHERE team_id = ANY(?) ORDER BY team_id, since, member_id""", rows.stream().map(TeamRow::teamId).toList(),
                member -> members.computeIfAbsent(member.getObject(1, UUID.class), ignored -> new ArrayList<>()).add(new Membership(
                        member.getString(2), member.getString(3), TeamRole.valueOf(member.getString(4)), Set.copyOf(Jdbc.strings(member, 5)),
                        Jdbc.instant(member, 6), Jdbc.instant(member, 7),
                        member.getString(8) == null ? null : StoredJson.read(member.getString(8), Coordination.class))));
        return rows.stream().map(row -> Team.restore(row.teamId(), row.customerId(), row.designation(), row.status(), row.regions(),
                row.operatingUnits(), members.getOrDefault(row.teamId(), List.of()), row.identification(), row.windDown())).toList();
    }

    /** How many teams are in each status. */
    public Map<TeamStatus, Long> countByStatus() {
        Map<TeamStatus, Long> counts = new java.util.EnumMap<>(TeamStatus.class);
        Jdbc.query(em, "SELECT status, count(*) FROM team GROUP BY status",
                row -> Map.entry(TeamStatus.valueOf(row.getString(1)), row.getLong(2))).forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }
}
