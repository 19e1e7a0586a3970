package dev.kam.team.service;

import dev.kam.foundation.audit.AuditTrail;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.SpecialistNeed;
import dev.kam.team.domain.StaffFunction;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamRole;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.repository.TeamRepository;
import dev.kam.team.repository.TeamRepository.SpecialistRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Mobilising the supplier's own resources for a key account: the customer's functional areas call for specialists
 * (see {@link SpecialistNeed}); the key account manager requests a person of that function, and the head of the
 * function (the person's line manager) approves, which puts them on the team, or declines.
 */
@ApplicationScoped
public class SpecialistService {

    /** What the team has and lacks of one function the customer calls for. */
    public record NeedView(StaffFunction function, Set<String> customerAreas, String status, List<String> onTeam,
                           List<SpecialistRequest> requests, List<String> candidates) {
    }

    public enum Decision { APPROVED, DECLINED }

    private final TeamRepository repository;
    private final TeamService teams;
    private final AuditTrail auditTrail;

    private final Clock clock;

    SpecialistService(TeamRepository repository, TeamService teams, AuditTrail auditTrail, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.teams = teams;
        this.auditTrail = auditTrail;
    }

    /**
     * The specialists the customer's functional areas call for: FILLED when someone of the function is on the team,
     * REQUESTED while a request waits for the function's head, otherwise OPEN, with up to three candidates with free
     * capacity, the least loaded first.
     */
    @Transactional
    public List<NeedView> needs(UUID customerId) {
        Team team = repository.latestTeam(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        List<SpecialistRequest> requests = repository.specialistRequests(team.teamId());
        return SpecialistNeed.of(repository.functionalAreas(customerId)).stream().map(need -> {
            List<String> onTeam = team.activeMembers().stream().filter(m -> m.role() == TeamRole.SPECIALIST)
                    .map(Membership::employeeId).filter(id -> repository.staffMember(id).map(s -> s.function() == need.function()).orElse(false))
                    .sorted().toList();
            List<SpecialistRequest> ofFunction = requests.stream().filter(r -> r.function() == need.function()).toList();
            boolean pending = ofFunction.stream().anyMatch(r -> "REQUESTED".equals(r.status()));
            String status = !onTeam.isEmpty() ? "FILLED" : pending ? "REQUESTED" : "OPEN";
            List<String> candidates = onTeam.isEmpty() && !pending ? candidates(need.function()) : List.of();
            return new NeedView(need.function(), need.areas(), status, onTeam, ofFunction, candidates);
        }).toList();
    }

    private List<String> candidates(StaffFunction function) {
        return repository.staffByFunction(function, null).stream()
                .map(staff -> Map.entry(staff, repository.activeTeamCount(staff.employeeId())))
                .filter(entry -> entry.getValue() < entry.getKey().capacity() && entry.getKey().managerId() != null)
                .sorted(Comparator.comparing((Map.Entry<StaffMember, Integer> entry) -> entry.getValue())
                        .thenComparing(entry -> entry.getKey().employeeId()))
                .limit(3).map(entry -> entry.getKey().employeeId()).toList();
    }

    /**
     * The key account manager (or sales ops) asks the head of {@code employeeId}'s function for them.
     *
     * @throws TeamRuleViolation when the person is not of a specialist function, has no head to approve, or is asked for twice
     */
    @Transactional
    public SpecialistRequest request(UUID customerId, String employeeId, String note, AccountService.Editor editor) {
        Team team = repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        editor.requireMayEdit(team);
        if (team.status() == TeamStatus.WINDING_DOWN) {
            throw new TeamRuleViolation("the team of customer " + customerId + " is WINDING_DOWN; nobody joins it any more");
        }
        StaffMember specialist = repository.staffMember(employeeId).orElseThrow(() -> new StaffNotFoundException(employeeId));
        if (!TeamRole.SPECIALIST.fits(specialist.function())) {
            throw new TeamRuleViolation(employeeId + " works in " + specialist.function() + "; specialists come from " + TeamRole.SPECIALIST.functions());
        }
        if (specialist.managerId() == null) {
            throw new TeamRuleViolation(employeeId + " has no line manager in the staff directory, so no head of " + specialist.function()
                    + " can approve the request");
        }
        List<SpecialistRequest> existing = repository.specialistRequests(team.teamId());
        if (existing.stream().anyMatch(r -> r.employeeId().equals(employeeId) && "REQUESTED".equals(r.status()))) {
            throw new TeamRuleViolation(employeeId + " is already requested for this team");
        }
        if (team.activeMembers().stream().anyMatch(m -> m.employeeId().equals(employeeId) && m.role() == TeamRole.SPECIALIST)) {
            throw new TeamRuleViolation(employeeId + " is already SPECIALIST on this team");
        }
        SpecialistRequest request = new SpecialistRequest(UUID.randomUUID(), team.teamId(), specialist.function(), employeeId, note,
                editor.name(), clock.instant(), "REQUESTED", null, null, null, null);
        repository.saveSpecialistRequest(request);
        auditTrail.record("team.specialist-requested", "team", customerId.toString(),
                Map.of("requestId", request.requestId().toString(), "employeeId", employeeId, "function", specialist.function().name(),
                        "approver", specialist.managerId()));
        return request;
    }

    /**
     * The head of the function decides: approved puts the specialist on the team (capacity permitting), declined
     * closes the request.
     *
     * @throws NotYourTeamException when the caller is not the specialist's line manager
     */
    @Transactional
    public SpecialistRequest decide(UUID customerId, UUID requestId, Decision decision, String note, String caller) {
        Team team = repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        SpecialistRequest request = repository.specialistRequests(team.teamId()).stream().filter(r -> r.requestId().equals(requestId))
                .findFirst().orElseThrow(() -> new TeamRuleViolation("no specialist request " + requestId + " on this team"));
        if (!"REQUESTED".equals(request.status())) {
            throw new TeamRuleViolation("request " + requestId + " was already " + request.status());
        }
        String head = repository.staffMember(request.employeeId()).map(StaffMember::managerId).orElse(null);
        if (!caller.equals(head)) {
            throw NotYourTeamException.because(caller + " is not the head of " + request.function() + " for " + request.employeeId()
                    + " (their line manager is " + head + "); only they decide");
        }
        String memberId = null;
        if (decision == Decision.APPROVED) {
            memberId = teams.assignWithin(team, request.employeeId(), TeamRole.SPECIALIST, Set.of()).memberId();
        }
        SpecialistRequest decided = new SpecialistRequest(request.requestId(), request.teamId(), request.function(), request.employeeId(),
                request.note(), request.requestedBy(), request.requestedAt(), decision.name(), caller, clock.instant(), note, memberId);
        repository.saveSpecialistRequest(decided);
        auditTrail.record("team.specialist-" + decision.name().toLowerCase(java.util.Locale.ROOT), "team", customerId.toString(),
                Map.of("requestId", requestId.toString(), "employeeId", request.employeeId(), "memberId", String.valueOf(memberId)));
        return decided;
    }

}
