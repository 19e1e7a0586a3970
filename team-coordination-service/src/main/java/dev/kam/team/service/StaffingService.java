package dev.kam.team.service;

import dev.kam.foundation.audit.AuditTrail;

import dev.kam.team.config.TeamSettings;
import dev.kam.team.domain.CoverageGap;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.StaffFunction;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamRole;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The staff directory and staffing proposals for teams. */
@ApplicationScoped
public class StaffingService {

    /** One proposed assignment and why this person. */
    public record Proposal(TeamRole role, String employeeId, Set<String> coverage, String reason) {
    }

    /** What the proposal could not fill, and why. */
    public record Unfilled(CoverageGap gap, String reason) {
    }

    public record StaffingProposal(UUID customerId, List<Proposal> proposals, List<Unfilled> unfilled, boolean applied) {
    }

    private final TeamRepository repository;
    private final TeamService teams;

    private final AuditTrail auditTrail;
    private final TeamSettings settings;

    StaffingService(TeamRepository repository, TeamService teams, AuditTrail auditTrail, TeamSettings settings) {
        this.settings = settings;
        this.repository = repository;
        this.teams = teams;
        this.auditTrail = auditTrail;
    }

    /**
     * Creates or replaces a staff member. The record must keep the directory's rules (regions among the sales
     * territories, a manager who exists and is not below the person); a change that takes away what the person's
     * roles need is followed on their teams (see {@link TeamService#followStaffChange}).
     *
     * @throws InvalidStaffException    naming the fields at fault
     * @throws UnknownManagerException  when the manager is not in the directory
     * @throws TeamRuleViolation        when the manager works below the person (a cycle)
     */
    @Transactional
    public void saveStaff(StaffMember staff) {
        List<StaffMember.Violation> violations = staff.violations(settings.salesTerritories());
        if (!violations.isEmpty()) {
            throw new InvalidStaffException(violations);
        }
        if (staff.managerId() != null) {
            if (repository.staffMember(staff.managerId()).isEmpty()) {
                throw new UnknownManagerException(staff.employeeId(), staff.managerId());
            }
            List<String> chain = repository.chainUpTo(staff.managerId(), staff.employeeId());
            if (!chain.isEmpty()) {
                throw new TeamRuleViolation(staff.employeeId() + " cannot report to " + staff.managerId() + ", who works below them ("
                        + String.join(" reports to ", chain) + ")");
            }
        }
        boolean existed = repository.staffForUpdate(staff.employeeId()).isPresent();
        repository.saveStaff(staff);
        auditTrail.record("staff.saved", "staff", staff.employeeId(), staff);
        if (existed) {
            teams.followStaffChange(staff);
        }
    }

    /** Whether the directory knows {@code employeeId} (for imports that name managers further down the file). */
    @Transactional
    public boolean knows(String employeeId) {
        return repository.staffMember(employeeId).isPresent();
    }

    /** A page of the staff directory in employee order after {@code afterEmployeeId} (null: the first page). */
    @Transactional
    public List<StaffMember> staff(StaffFunction function, String region, String afterEmployeeId, int limit) {
        return repository.staffPage(function, region, afterEmployeeId, limit);
    }

    /**
     * Proposes people for what the team lacks, by function, territory and industry fit and current load; with
     * {@code apply}, assigns them (key account manager first, who coordinates the field reps).
     */
    @Transactional
    public StaffingProposal propose(UUID customerId, boolean apply, AccountService.Editor editor) {
        Team team = repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        editor.requireMayEdit(team); // sales ops staff any team; a key account manager only their own
        String industry = repository.shapeForUpdate(customerId).map(TeamRepository.CustomerShape::industry).orElse(null);
        Map<String, Integer> load = new HashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        team.activeMembers().forEach(m -> taken.add(m.employeeId()));
        List<Proposal> proposals = new ArrayList<>();
        List<Unfilled> unfilled = new ArrayList<>();

        String leadId = team.keyAccountManager().map(Membership::employeeId).orElse(null);
        Map<String, Set<String>> repCoverage = new java.util.LinkedHashMap<>();
        for (CoverageGap gap : team.coverageGaps()) {
            if (gap.kind() == CoverageGap.Kind.ROLE) {
                TeamRole role = TeamRole.valueOf(gap.value());
                Optional<StaffMember> best = best(role, team, industry, taken, load, null);
                if (best.isEmpty()) {
                    unfilled.add(new Unfilled(gap, "nobody with a function for " + role + " has free capacity"));
                    continue;
                }
                taken.add(best.get().employeeId());
                proposals.add(new Proposal(role, best.get().employeeId(), Set.of(), why(best.get(), team, industry, load)));
                if (role == TeamRole.KEY_ACCOUNT_MANAGER) {
                    leadId = best.get().employeeId();
                }
                continue;
            }
            String item = gap.kind() == CoverageGap.Kind.REGION ? Membership.region(gap.value()) : Membership.unit(gap.value());
            if (leadId == null) {
                unfilled.add(new Unfilled(gap, "the key account manager coordinates the field reps, and there is none to propose"));
                continue;
            }
            // A rep already proposed for this team covers a unit too; a region needs a rep of that region.
            Optional<String> sameRep = gap.kind() == CoverageGap.Kind.OPERATING_UNIT ? repCoverage.keySet().stream().findFirst() : Optional.empty();
            if (sameRep.isPresent()) {
                repCoverage.get(sameRep.get()).add(item);
                continue;
            }
            String region = gap.kind() == CoverageGap.Kind.REGION ? gap.value() : null;
            Optional<StaffMember> rep = best(TeamRole.FIELD_REP, team, industry, taken, load, region);
            if (rep.isEmpty()) {
                unfilled.add(new Unfilled(gap, "no field rep" + (region == null ? "" : " in " + region)
                        + " with a sales manager has free capacity"));
                continue;
            }
            taken.add(rep.get().employeeId());
            repCoverage.computeIfAbsent(rep.get().employeeId(), id -> new LinkedHashSet<>()).add(item);
        }
        repCoverage.forEach((employeeId, coverage) -> proposals.add(new Proposal(TeamRole.FIELD_REP, employeeId, Set.copyOf(coverage),
                "field sales of the territory, covers " + String.join(", ", coverage.stream().sorted().toList())
                        + "; coordinated by the key account manager with their sales manager "
                        + repository.staffMember(employeeId).map(StaffMember::managerId).orElse("?"))));

        if (apply) {
            for (Proposal proposal : proposals) {
                teams.assignWithin(team, proposal.employeeId(), proposal.role(), proposal.coverage());
            }
        }
        return new StaffingProposal(customerId, proposals, unfilled, apply);
    }

    private Optional<StaffMember> best(TeamRole role, Team team, String industry, Set<String> taken, Map<String, Integer> load,
                                       String region) {
        return repository.staffByFunction(null, null).stream()
                .filter(staff -> role.fits(staff.function()))
                .filter(staff -> !taken.contains(staff.employeeId()))
                .filter(staff -> role != TeamRole.FIELD_REP || staff.managerId() != null)
                .filter(staff -> region == null || staff.regions().contains(region))
                .filter(staff -> load(staff, load) < staff.capacity())
                .max(Comparator.comparingInt((StaffMember staff) -> fit(staff, team, industry))
                        .thenComparingInt(staff -> -load(staff, load))
                        .thenComparing(StaffMember::employeeId, Comparator.reverseOrder()));
    }

    private int fit(StaffMember staff, Team team, String industry) {
        int territories = (int) staff.regions().stream().filter(team.regions()::contains).count();
        return territories * 2 + (industry != null && staff.industries().contains(industry) ? 3 : 0);
    }

    private int load(StaffMember staff, Map<String, Integer> load) {
        return load.computeIfAbsent(staff.employeeId(), repository::activeTeamCount);
    }

    private String why(StaffMember staff, Team team, String industry, Map<String, Integer> load) {
        List<String> reasons = new ArrayList<>();
        reasons.add(staff.function() + " function");
        List<String> shared = staff.regions().stream().filter(team.regions()::contains).sorted().toList();
        if (!shared.isEmpty()) {
            reasons.add("works in " + String.join(", ", shared));
        }
        if (industry != null && staff.industries().contains(industry)) {
            reasons.add("knows " + industry);
        }
        reasons.add("carries " + load(staff, load) + " of " + staff.capacity() + " key accounts");
        return String.join("; ", reasons);
    }
}
