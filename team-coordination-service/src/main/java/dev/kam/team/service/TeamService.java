package dev.kam.team.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.contracts.EventType;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.team.domain.Contact;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamEvents;
import dev.kam.team.domain.TeamRole;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.repository.TeamRepository;
import dev.kam.team.repository.TeamRepository.CustomerShape;
import dev.kam.team.repository.TeamRepository.ShapeWithContacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The team lifecycle: formed when scoring designates a key account, reshaped when the customer's regions or
 * units change, staffed by assignments, dissolved when the key account is revoked. Every change publishes its
 * team events through the outbox in the same transaction.
 */
@ApplicationScoped
public class TeamService {

    private final TeamRepository repository;
    private final OutboxWriter outbox;

    TeamService(TeamRepository repository, OutboxWriter outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /**
     * Customer events, in their order: keep each customer's regions, units and buying centre, and reshape its
     * open team. Older events (lower sequence) change nothing. Set-based: the shapes of the whole batch are
     * locked and written in one statement each; only customers with an open team are handled one by one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onCustomerEvents(List<JsonNode> events) {
        List<ShapeWithContacts> changes = events.stream().map(TeamService::shape).toList();
        List<UUID> customerIds = changes.stream().map(change -> change.shape().customerId()).distinct().toList();
        Map<UUID, Long> applied = repository.shapeSequencesForUpdate(customerIds);
        Set<UUID> withOpenTeam = repository.withOpenTeam(customerIds);
        Map<UUID, ShapeWithContacts> latest = new LinkedHashMap<>();
        for (ShapeWithContacts change : changes) {
            CustomerShape shape = change.shape();
            Long known = applied.get(shape.customerId());
            if (known != null && known >= shape.eventSequence()) {
                continue;
            }
            applied.put(shape.customerId(), shape.eventSequence());
            latest.put(shape.customerId(), change);
            if (withOpenTeam.contains(shape.customerId())) {
                repository.openTeamForUpdate(shape.customerId()).ifPresent(team -> {
                    TeamStatus before = team.status();
                    List<CoverageGap> opened = team.reshape(shape.regions(), shape.operatingUnits());
                    repository.saveTeam(team);
                    announceGaps(team, opened, before);
                });
            }
        }
        repository.saveShapes(latest.values());
    }

    private static ShapeWithContacts shape(JsonNode data) {
        JsonNode customer = data.get("customer");
        Set<String> regions = new HashSet<>();
        customer.path("locations").forEach(location -> {
            if (location.hasNonNull("region")) {
                regions.add(location.get("region").asText());
            }
        });
        Set<String> units = new HashSet<>();
        customer.path("operatingUnits").forEach(unit -> units.add(unit.get("name").asText()));
        List<Contact> contacts = new ArrayList<>();
        customer.path("buyingCenter").forEach(contact -> {
            List<String> roles = new ArrayList<>();
            contact.path("roles").forEach(role -> roles.add(role.asText()));
            contacts.add(new Contact(contact.get("contactId").asText(), contact.path("name").asText(null),
                    contact.path("title").asText(null), roles));
        });
        return new ShapeWithContacts(new CustomerShape(UUID.fromString(customer.get("id").asText()), customer.path("legalName").asText(null),
                customer.hasNonNull("industry") ? customer.get("industry").asText() : null, regions, units,
                data.get("sequence").asLong()), contacts);
    }

    /** What scoring decided about a key account, from its events. */
    public sealed interface DesignationEvent {
        String customerId();
    }

    /** {@code key-account-designated}: open its team. */
    public record Designated(String customerId, String designation, Set<String> regionsFromScoring) implements DesignationEvent {
    }

    /** {@code designation-changed}: the open team follows. */
    public record DesignationChanged(String customerId, String designation) implements DesignationEvent {
    }

    /** {@code key-account-revoked}: the team is dissolved. */
    public record Revoked(String customerId) implements DesignationEvent {
    }

    /**
     * Scoring's decisions, in their order. Designations (most of a batch) are set-based: which customers
     * already have an open team and the shapes of the others are read once for the batch, the new teams
     * written in one statement. Changes and revocations, rarer, are applied one by one, after the teams
     * formed before them in the batch are written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onDesignationEvents(List<DesignationEvent> events) {
        List<UUID> designated = events.stream().filter(Designated.class::isInstance)
                .map(event -> UUID.fromString(event.customerId())).distinct().toList();
        Map<UUID, CustomerShape> shapes = repository.shapesForUpdate(designated);
        Set<UUID> withOpenTeam = repository.withOpenTeam(designated);
        List<Team> formed = new ArrayList<>();
        for (DesignationEvent event : events) {
            UUID customerId = UUID.fromString(event.customerId());
            if (event instanceof Designated designation) {
                if (withOpenTeam.add(customerId)) { // a redelivered designation finds the team open
                    formed.add(form(designation, Optional.ofNullable(shapes.get(customerId))));
                }
                continue;
            }
            repository.saveNewTeams(formed);
            formed.clear();
            if (event instanceof DesignationChanged change) {
                onDesignationChanged(change.customerId(), change.designation());
            } else {
                onRevoked(event.customerId());
                withOpenTeam.remove(customerId);
            }
        }
        repository.saveNewTeams(formed);
    }

    private Team form(Designated designated, Optional<CustomerShape> shape) {
        String customerId = designated.customerId();
        Set<String> regions = shape.map(CustomerShape::regions).filter(r -> !r.isEmpty()).orElse(designated.regionsFromScoring());
        Team team = Team.form(customerId, designated.designation(), regions, shape.map(CustomerShape::operatingUnits).orElse(Set.of()));
        outbox.record(EventType.TEAM_FORMED, customerId, new TeamEvents.Formed(customerId, team.teamId().toString(),
                designated.designation(), team.status(), Instant.now()));
        announceGaps(team, team.coverageGaps(), TeamStatus.FORMING);
        return team;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDesignationChanged(String customerId, String designation) {
        repository.openTeamForUpdate(UUID.fromString(customerId)).ifPresent(team -> {
            team.redesignate(designation);
            repository.saveTeam(team);
        });
    }

    /** The key account was revoked: the team winds down, everyone is released, the customer is transactional again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRevoked(String customerId) {
        repository.openTeamForUpdate(UUID.fromString(customerId)).ifPresent(team -> {
            Instant now = Instant.now();
            List<Membership> released = team.dissolve(now);
            repository.saveTeam(team);
            for (Membership membership : released) {
                outbox.record(EventType.TEAM_MEMBER_RELEASED, customerId, new TeamEvents.MemberReleased(customerId,
                        team.teamId().toString(), membership.memberId(), membership.employeeId(), membership.role(),
                        "key-account status revoked", now));
            }
            outbox.record(EventType.TEAM_DISSOLVED, customerId, new TeamEvents.Dissolved(customerId, team.teamId().toString(),
                    "key-account status revoked; back to transactional coverage", now));
        });
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
        Instant now = Instant.now();
        Membership membership = team.assign(staff, role, coverage, repository.activeTeamCount(employeeId), now);
        repository.saveTeam(team);
        String customerId = team.customerId();
        outbox.record(EventType.TEAM_MEMBER_ASSIGNED, customerId, new TeamEvents.MemberAssigned(customerId, team.teamId().toString(),
                membership.memberId(), employeeId, role, membership.coverage().stream().sorted().toList(), now));
        if (before != TeamStatus.ACTIVE && team.status() == TeamStatus.ACTIVE) {
            outbox.record(EventType.TEAM_ACTIVATED, customerId, new TeamEvents.Activated(customerId, team.teamId().toString(), now));
        }
        return membership;
    }

    @Transactional
    public Membership release(UUID customerId, String memberId) {
        Team team = repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        TeamStatus before = team.status();
        Instant now = Instant.now();
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
     * (a key account manager moved to TECHNICAL leads no team), and when they are on more teams than their new
     * capacity, the teams they joined last are released until it holds. Each release is published with its reason,
     * and the gaps it opens with it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void followStaffChange(StaffMember staff) {
        List<Team> onTeams = repository.openTeamsOfForUpdate(staff.employeeId());
        Instant now = Instant.now();
        for (Team team : onTeams) {
            TeamStatus before = team.status();
            List<Membership> released = team.releaseRolesNoLongerFitting(staff, now);
            if (!released.isEmpty()) {
                publishReleases(team, released, "now works in " + staff.function() + ", which the role does not fit", now, before);
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

    @Transactional
    public List<Team> teams(TeamStatus status, String employeeId, int limit) {
        return repository.teams(status, employeeId, limit);
    }

    private void announceGaps(Team team, List<CoverageGap> opened, TeamStatus before) {
        if (!opened.isEmpty()) {
            outbox.record(EventType.TEAM_COVERAGE_GAP_DETECTED, team.customerId(), new TeamEvents.CoverageGapDetected(
                    team.customerId(), team.teamId().toString(), opened, Instant.now()));
        }
        if (before != TeamStatus.ACTIVE && team.status() == TeamStatus.ACTIVE) {
            outbox.record(EventType.TEAM_ACTIVATED, team.customerId(), new TeamEvents.Activated(team.customerId(),
                    team.teamId().toString(), Instant.now()));
        }
    }
}
