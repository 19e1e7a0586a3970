package dev.kam.team.service;

import dev.kam.contracts.EventType;
import dev.kam.contracts.data.CustomerEventData;
import dev.kam.foundation.audit.AuditTrail;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.team.config.TeamSettings;
import dev.kam.team.domain.Contact;
import dev.kam.team.domain.Coordination;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.HandOver;
import dev.kam.team.domain.Identification;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.StaffFunction;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamEvents;
import dev.kam.team.domain.TeamRole;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.repository.TeamRepository;
import dev.kam.team.repository.TeamRepository.CustomerShape;
import dev.kam.team.repository.TeamRepository.ShapeWithContacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The team lifecycle: formed when scoring designates a key account (with the plan and relationship map of a team the
 * customer had before), reshaped when its sales territories (from scoring) or its units (from its profile) change,
 * staffed by assignments, wound down when the key account is revoked (handed to a territory rep and their sales
 * manager), reinstated when it is designated again meanwhile, dissolved when the wind-down is over. Every change
 * publishes its team events through the outbox in the same transaction.
 */
@ApplicationScoped
public class TeamService {

    static final String SERVICE = "service:team-coordination-service";

    private final TeamRepository repository;
    private final OutboxWriter outbox;
    private final TeamSettings settings;
    private final AuditTrail auditTrail;

    private final Clock clock;

    TeamService(TeamRepository repository, OutboxWriter outbox, TeamSettings settings, AuditTrail auditTrail, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.outbox = outbox;
        this.settings = settings;
        this.auditTrail = auditTrail;
    }

    /**
     * Customer events, in their order: keep each customer's units, functional areas, supplier status and buying centre,
     * reshape its open team's units, and observe the supplier status of the customers that have a team. Older events
     * (lower sequence) change nothing. Set-based: the shapes of the whole batch are locked and written in one statement
     * each; only customers with an open team are handled one by one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCustomerEvents(List<CustomerEventData> events) {
        List<ShapeWithContacts> changes = events.stream().map(TeamService::shape).toList();
        List<UUID> customerIds = changes.stream().map(change -> change.shape().customerId()).distinct().toList();
        repository.lockCustomers(customerIds);
        Map<UUID, Long> applied = repository.shapeSequencesForUpdate(customerIds);
        Set<UUID> withOpenTeam = repository.withOpenTeam(customerIds);
        Map<UUID, ShapeWithContacts> latest = new LinkedHashMap<>();
        List<Map.Entry<UUID, String>> statuses = new ArrayList<>(); // every change, in order: a batch may hold several of one customer
        for (ShapeWithContacts change : changes) {
            CustomerShape shape = change.shape();
            Long known = applied.get(shape.customerId());
            if (known != null && known >= shape.eventSequence()) {
                continue;
            }
            applied.put(shape.customerId(), shape.eventSequence());
            latest.put(shape.customerId(), change);
            if (withOpenTeam.contains(shape.customerId())) {
                if (shape.supplierStatus() != null) {
                    statuses.add(Map.entry(shape.customerId(), shape.supplierStatus()));
                }
                repository.openTeamForUpdate(shape.customerId()).filter(team -> team.status() != TeamStatus.WINDING_DOWN).ifPresent(team -> {
                    TeamStatus before = team.status();
                    List<CoverageGap> opened = team.reshape(team.regions(), shape.operatingUnits());
                    repository.saveTeam(team);
                    announceGaps(team, opened, before);
                });
            }
        }
        repository.saveShapes(latest.values());
        repository.observeSupplierStatus(statuses, clock.instant());
    }

    private static ShapeWithContacts shape(CustomerEventData data) {
        CustomerEventData.Customer customer = data.customer();
        List<Contact> contacts = customer.buyingCenter().stream()
                .map(contact -> new Contact(contact.contactId(), contact.name(), contact.title(), contact.roles(), contact.operatingUnit()))
                .toList();
        return new ShapeWithContacts(new CustomerShape(customer.id(), customer.legalName(), customer.industry(), customer.regions(),
                customer.operatingUnitNames(), data.sequence(), new LinkedHashSet<>(customer.functionalAreas()), customer.supplierStatus()),
                contacts);
    }

    /** What scoring decided about a key account, from its events. */
    public sealed interface DesignationEvent {
        String customerId();
    }

    /**
     * {@code key-account-designated}, {@code designation-changed} or {@code key-account-updated}: the customer is a key
     * account with this designation, in these sales territories, identified so clearly.
     *
     * @param opens whether the event opens a team when there is none (a designation does; a change of a key account
     *              whose team is gone does not)
     */
    public record Designated(String customerId, String designation, Set<String> territories, Identification identification,
                             boolean opens) implements DesignationEvent {
    }

    /** {@code key-account-revoked}: the team winds down. */
    public record Revoked(String customerId) implements DesignationEvent {
    }

    /**
     * Scoring's decisions, in their order. New teams (most of a batch) are set-based: which customers already have an
     * open team, the shapes of the others and their former teams are read once for the batch, the new teams written in
     * one statement. Everything else, rarer, is applied one by one, after the teams formed before it are written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onDesignationEvents(List<DesignationEvent> events) {
        List<UUID> designated = events.stream().filter(event -> event instanceof Designated d && d.opens())
                .map(event -> UUID.fromString(event.customerId())).distinct().toList();
        repository.lockCustomers(events.stream().map(event -> UUID.fromString(event.customerId())).distinct().toList());
        Map<UUID, CustomerShape> shapes = repository.shapesForUpdate(designated);
        Set<UUID> withOpenTeam = repository.withOpenTeam(events.stream().map(event -> UUID.fromString(event.customerId())).distinct().toList());
        List<Team> formed = new ArrayList<>();
        for (DesignationEvent event : events) {
            UUID customerId = UUID.fromString(event.customerId());
            if (event instanceof Designated designation && designation.opens() && !withOpenTeam.contains(customerId)) {
                withOpenTeam.add(customerId);
                formed.add(form(designation, Optional.ofNullable(shapes.get(customerId))));
                continue;
            }
            saveFormed(formed, shapes);
            if (event instanceof Designated designation) {
                follow(designation);
            } else {
                windDown(event.customerId());
            }
        }
        saveFormed(formed, shapes);
    }

    private Team form(Designated designated, Optional<CustomerShape> shape) {
        String customerId = designated.customerId();
        return Team.form(customerId, designated.designation(), designated.territories(),
                shape.map(CustomerShape::operatingUnits).orElse(Set.of()), designated.identification());
    }

    /**
     * Writes the teams formed so far and announces them. A customer that had a team before gets its plan and
     * relationship map back, and our supplier status at it is observed from now on.
     */
    private void saveFormed(List<Team> formed, Map<UUID, CustomerShape> shapes) {
        if (formed.isEmpty()) {
            return;
        }
        List<UUID> customers = formed.stream().map(team -> UUID.fromString(team.customerId())).toList();
        Map<UUID, UUID> former = repository.lastDissolvedTeams(customers);
        repository.saveNewTeams(formed);
        List<Map.Entry<UUID, String>> statuses = new ArrayList<>();
        Instant now = clock.instant();
        for (Team team : formed) {
            UUID customerId = UUID.fromString(team.customerId());
            UUID restoredFrom = former.get(customerId);
            if (restoredFrom != null) {
                repository.copyPlanAndRelationships(restoredFrom, team.teamId());
                repository.markRestored(team.teamId(), restoredFrom);
            }
            Optional.ofNullable(shapes.get(customerId)).map(CustomerShape::supplierStatus).ifPresent(status -> statuses.add(Map.entry(customerId, status)));
            outbox.record(EventType.TEAM_FORMED, team.customerId(), new TeamEvents.Formed(team.customerId(), team.teamId().toString(),
                    team.designation(), team.status(), restoredFrom == null ? null : restoredFrom.toString(), now));
            announceGaps(team, team.coverageGaps(), TeamStatus.FORMING);
        }
        repository.observeSupplierStatus(statuses, now);
        formed.clear();
    }

    /**
     * A key account whose team is open: its designation, territories and identification are followed; a winding-down
     * team is reinstated.
     */
    private void follow(Designated designated) {
        repository.openTeamForUpdate(UUID.fromString(designated.customerId())).ifPresent(team -> {
            TeamStatus before = team.status();
            Instant now = clock.instant();
            if (before == TeamStatus.WINDING_DOWN) {
                if (!designated.opens()) {
                    return; // a change to a revoked key account's picture; its designation will say whether it is back
                }
                team.reinstate(designated.designation(), designated.identification());
                team.reshape(designated.territories(), team.operatingUnits());
                repository.saveTeam(team);
                outbox.record(EventType.TEAM_REINSTATED, team.customerId(), new TeamEvents.Reinstated(team.customerId(),
                        team.teamId().toString(), team.designation(), team.status(), now));
                announceGaps(team, team.coverageGaps(), TeamStatus.FORMING);
                return;
            }
            team.redesignate(designated.designation(), designated.identification());
            List<CoverageGap> opened = team.reshape(designated.territories(), team.operatingUnits());
            repository.saveTeam(team);
            announceGaps(team, opened, before);
        });
    }

    /**
     * The key account was revoked: back to transactional coverage. The team winds down, the account handed to a field
     * rep of its territories and their sales manager; it dissolves when the wind-down period is over.
     */
    private void windDown(String customerId) {
        repository.openTeamForUpdate(UUID.fromString(customerId)).filter(team -> team.status() != TeamStatus.WINDING_DOWN).ifPresent(team -> {
            Instant now = clock.instant();
            List<String> territories = List.copyOf(team.regions());
            List<StaffMember> reps = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String territory : territories) {
                repository.staffByFunction(StaffFunction.FIELD_SALES, territory).stream().filter(rep -> seen.add(rep.employeeId())).forEach(reps::add);
            }
            Map<String, Integer> load = new HashMap<>();
            Optional<HandOver> handOver = HandOver.choose(team, territories, reps,
                    employeeId -> load.computeIfAbsent(employeeId, repository::activeTeamCount));
            String reason = "key-account status revoked; back to transactional coverage"
                    + handOver.map(h -> " by " + h.fieldRepId() + " (" + h.territory() + ")"
                            + (h.salesManagerId() == null ? "" : " and their sales manager " + h.salesManagerId()))
                    .orElse(territories.isEmpty() ? "; the customer has no sales territory to hand it to"
                            : "; no field rep works in " + String.join(", ", territories));
            Instant until = now.plus(settings.windDownPeriod());
            team.windDown(handOver.orElse(null), reason, now, until);
            repository.saveTeam(team);
            outbox.record(EventType.TEAM_WINDING_DOWN, customerId, new TeamEvents.WindingDown(customerId, team.teamId().toString(),
                    reason, handOver.orElse(null), territories, until, now));
        });
    }

    /** Dissolves the teams whose wind-down is over; each batch its own transaction. */
    @Scheduled(every = "${team.wind-down-check:60s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dissolveWoundDownTeams() {
        boolean more = true;
        while (more) {
            more = QuarkusTransaction.requiringNew().call(() -> dissolveWoundDown(clock.instant(), 100));
        }
    }

    /** @return whether there may be more to dissolve */
    boolean dissolveWoundDown(Instant now, int limit) {
        List<Team> over = repository.windDownsOverForUpdate(now, limit);
        for (Team team : over) {
            String customerId = team.customerId();
            List<Membership> released = team.dissolve(now);
            repository.saveTeam(team);
            for (Membership membership : released) {
                outbox.record(EventType.TEAM_MEMBER_RELEASED, customerId, new TeamEvents.MemberReleased(customerId,
                        team.teamId().toString(), membership.memberId(), membership.employeeId(), membership.role(),
                        "the wind-down after the key-account status was revoked is over", now));
            }
            outbox.record(EventType.TEAM_DISSOLVED, customerId, new TeamEvents.Dissolved(customerId, team.teamId().toString(),
                    "key-account status revoked; the account was handed over and the wind-down is over", now));
        }
        return over.size() == limit;
    }

    /**
     * Puts a person on the customer's team.
     *
     * @throws TeamRuleViolation naming the broken rule (answered 409)
     */
    @Transactional
    public Membership assign(UUID customerId, String employeeId, TeamRole role, Set<String> coverage) {
        Team team = repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        return assignWithin(team, employeeId, role, coverage);
    }

    Membership assignWithin(Team team, String employeeId, TeamRole role, Set<String> coverage) {
        StaffMember staff = repository.staffForUpdate(employeeId).orElseThrow(() -> new StaffNotFoundException(employeeId));
        TeamStatus before = team.status();
        Instant now = clock.instant();
        Membership membership = team.assign(staff, role, coverage, repository.activeTeamCount(employeeId), now);
        repository.saveTeam(team);
        String customerId = team.customerId();
        outbox.record(EventType.TEAM_MEMBER_ASSIGNED, customerId, new TeamEvents.MemberAssigned(customerId, team.teamId().toString(),
                membership.memberId(), employeeId, role, membership.coverage().stream().sorted().toList(),
                TeamEvents.CoordinationView.of(membership.coordination(), leadOf(team)), now));
        if (before != TeamStatus.ACTIVE && team.status() == TeamStatus.ACTIVE) {
            outbox.record(EventType.TEAM_ACTIVATED, customerId, new TeamEvents.Activated(customerId, team.teamId().toString(), now));
        }
        return membership;
    }

    private static String leadOf(Team team) {
        return team.keyAccountManager().map(Membership::employeeId).orElse(null);
    }

    /**
     * A field rep's line manager agrees to (or declines) the rep's work on this account; sales ops may record it on
     * their behalf.
     *
     * @throws NotYourTeamException when the caller is neither the rep's line manager nor sales ops
     */
    @Transactional
    public Membership decideCoordination(UUID customerId, String memberId, Coordination.Stance stance, String caller, boolean salesOps) {
        Team team = repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        Membership member = team.activeMembers().stream().filter(m -> m.memberId().equals(memberId)).findFirst()
                .orElseThrow(() -> new TeamRuleViolation("no active member " + memberId + " on this team"));
        String lineManager = member.coordination() == null ? null : member.coordination().lineManagerId();
        if (!salesOps && !caller.equals(lineManager)) {
            throw NotYourTeamException.because(caller + " is not the line manager of " + member.employeeId() + " ("
                    + lineManager + "); only they, or sales ops on their behalf, agree to the rep's work on this account");
        }
        Instant now = clock.instant();
        Membership decided = team.decideCoordination(memberId, stance, caller, now);
        repository.saveTeam(team);
        publishCoordination(team, decided, now);
        auditTrail.record("team.coordination-" + stance.name().toLowerCase(java.util.Locale.ROOT), "team", team.customerId(),
                Map.of("memberId", memberId, "employeeId", decided.employeeId(), "lineManagerId", String.valueOf(lineManager)));
        return decided;
    }

    private void publishCoordination(Team team, Membership member, Instant now) {
        outbox.record(EventType.TEAM_COORDINATION_CHANGED, team.customerId(), new TeamEvents.CoordinationChanged(team.customerId(),
                team.teamId().toString(), member.memberId(), member.employeeId(),
                TeamEvents.CoordinationView.of(member.coordination(), leadOf(team)), now));
    }

    @Transactional
    public Membership release(UUID customerId, String memberId) {
        Team team = repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        TeamStatus before = team.status();
        Instant now = clock.instant();
        Membership released = team.release(memberId, now);
        repository.saveTeam(team);
        String id = customerId.toString();
        outbox.record(EventType.TEAM_MEMBER_RELEASED, id, new TeamEvents.MemberReleased(id, team.teamId().toString(),
                released.memberId(), released.employeeId(), released.role(), "released", now));
        announceGaps(team, before == TeamStatus.ACTIVE ? team.coverageGaps() : List.of(), before);
        return released;
    }

    /**
     * HR changed a person's record: on every open team, the roles their new function no longer fits are released
     * (a key account manager moved to TECHNICAL leads no team), a rep's new line manager is informed, and when they are
     * on more teams than their new capacity, the teams they joined last are released until it holds. Each release is
     * published with its reason, and the gaps it opens with it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void followStaffChange(StaffMember staff) {
        followStaffChange(staff, "now works in " + staff.function() + ", which the role does not fit");
    }

    private void followStaffChange(StaffMember staff, String misfitReason) {
        List<Team> onTeams = repository.openTeamsOfForUpdate(staff.employeeId());
        Instant now = clock.instant();
        for (Team team : onTeams) {
            TeamStatus before = team.status();
            List<Membership> released = team.releaseRolesNoLongerFitting(staff, now);
            if (!released.isEmpty()) {
                publishReleases(team, released, misfitReason, now, before);
            }
            List<Membership> recoordinated = team.followLineManager(staff, now);
            if (!recoordinated.isEmpty()) {
                repository.saveTeam(team);
                recoordinated.forEach(member -> publishCoordination(team, member, now));
            }
        }
        List<Team> stillOn = onTeams.stream().filter(team -> team.memberSince(staff.employeeId()) != null)
                .sorted(java.util.Comparator.comparing((Team team) -> team.memberSince(staff.employeeId())).reversed()).toList();
        for (int i = 0; i < stillOn.size() - Math.max(0, staff.capacity()); i++) {
            Team team = stillOn.get(i);
            TeamStatus before = team.status();
            publishReleases(team, team.releaseEmployee(staff.employeeId(), now),
                    "capacity lowered to " + staff.capacity() + " key account" + (staff.capacity() == 1 ? "" : "s"), now, before);
        }
    }

    /**
     * The rules of the roles may change between releases (an executive sponsor must now be an executive): at the
     * start, every role held by someone it no longer fits is released, with its reason and events, as an HR change
     * of that person would.
     */
    void onStart(@Observes StartupEvent event) {
        releaseRolesThatNoLongerFit();
    }

    /** Releases, with their events, the roles on open teams held by people the role no longer fits. */
    public void releaseRolesThatNoLongerFit() {
        QuarkusTransaction.requiringNew().run(() -> repository.staffHoldingRolesOnOpenTeams().stream()
                .filter(holding -> !holding.getValue().fits(holding.getKey()))
                .map(holding -> holding.getValue().employeeId()).distinct()
                .forEach(employeeId -> repository.staffForUpdate(employeeId).ifPresent(staff -> followStaffChange(staff,
                        "the role no longer fits " + staff.function() + " (an executive sponsor is an executive: top management)"))));
    }

    private void publishReleases(Team team, List<Membership> released, String reason, Instant now, TeamStatus before) {
        repository.saveTeam(team);
        for (Membership membership : released) {
            outbox.record(EventType.TEAM_MEMBER_RELEASED, team.customerId(), new TeamEvents.MemberReleased(team.customerId(),
                    team.teamId().toString(), membership.memberId(), membership.employeeId(), membership.role(), reason, now));
        }
        List<CoverageGap> opened = team.coverageGaps().stream()
                .filter(gap -> released.stream().anyMatch(m -> opens(gap, m))).toList();
        announceGaps(team, opened, before);
    }

    /** Whether releasing {@code membership} leaves {@code gap} open (the role, or what the rep covered). */
    private static boolean opens(CoverageGap gap, Membership membership) {
        return switch (gap.kind()) {
            case ROLE -> gap.value().equals(membership.role().name());
            case REGION -> membership.coverage().contains(Membership.region(gap.value()));
            case OPERATING_UNIT -> membership.coverage().contains(Membership.unit(gap.value()));
        };
    }

    @Transactional
    public Optional<Team> team(UUID customerId) {
        return repository.latestTeam(customerId);
    }

    /** A page of teams after {@code afterTeamId} (null: the first page). */
    @Transactional
    public List<Team> teams(TeamStatus status, String employeeId, UUID afterTeamId, int limit) {
        return repository.teams(status, employeeId, afterTeamId, limit);
    }

    private void announceGaps(Team team, List<CoverageGap> opened, TeamStatus before) {
        if (!opened.isEmpty()) {
            outbox.record(EventType.TEAM_COVERAGE_GAP_DETECTED, team.customerId(), new TeamEvents.CoverageGapDetected(
                    team.customerId(), team.teamId().toString(), opened, clock.instant()));
        }
        if (before != TeamStatus.ACTIVE && team.status() == TeamStatus.ACTIVE) {
            outbox.record(EventType.TEAM_ACTIVATED, team.customerId(), new TeamEvents.Activated(team.customerId(),
                    team.teamId().toString(), clock.instant()));
        }
    }
}
