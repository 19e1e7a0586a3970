package dev.kam.team.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The cross-functional team around one key account: one key account manager, an executive sponsor, a service
 * owner and field reps for every region and operating unit of the customer, working under the key account
 * manager. The team is ACTIVE when nothing required is missing, FORMING otherwise; a revoked key account's team
 * winds down and dissolves, releasing everyone and keeping its history.
 */
public final class Team {

    private final UUID teamId;
    private final String customerId;
    private String designation;
    private TeamStatus status;
    private Set<String> regions;
    private Set<String> operatingUnits;
    private final List<Membership> memberships;

    private Team(UUID teamId, String customerId, String designation, TeamStatus status, Set<String> regions,
                 Set<String> operatingUnits, List<Membership> memberships) {
        this.teamId = teamId;
        this.customerId = customerId;
        this.designation = designation;
        this.status = status;
        this.regions = Set.copyOf(regions);
        this.operatingUnits = Set.copyOf(operatingUnits);
        this.memberships = new ArrayList<>(memberships);
    }

    /** A new team for a newly designated key account: nobody on it yet, so FORMING. */
    public static Team form(String customerId, String designation, Set<String> regions, Set<String> operatingUnits) {
        return new Team(UUID.randomUUID(), customerId, designation, TeamStatus.FORMING, regions, operatingUnits, List.of());
    }

    /** A team as stored. */
    public static Team restore(UUID teamId, String customerId, String designation, TeamStatus status, Set<String> regions,
                               Set<String> operatingUnits, List<Membership> memberships) {
        return new Team(teamId, customerId, designation, status, regions, operatingUnits, memberships);
    }

    /**
     * Puts {@code staff} on the team in {@code role}.
     *
     * @param activeTeamsOfStaff how many active teams the person is on now, for the capacity rule
     * @throws TeamRuleViolation naming the rule the assignment breaks
     */
    public Membership assign(StaffMember staff, TeamRole role, Set<String> coverage, int activeTeamsOfStaff, Instant now) {
        requireOpen();
        if (!role.fits(staff.function())) {
            throw new TeamRuleViolation(staff.employeeId() + " works in " + staff.function() + "; the role " + role
                    + " is for " + role.functions());
        }
        if (activeMembers().stream().anyMatch(m -> m.employeeId().equals(staff.employeeId()) && m.role() == role)) {
            throw new TeamRuleViolation(staff.employeeId() + " is already " + role + " on this team");
        }
        if (role == TeamRole.KEY_ACCOUNT_MANAGER && keyAccountManager().isPresent()) {
            throw new TeamRuleViolation("a team has exactly one key account manager, and this one has "
                    + keyAccountManager().get().employeeId() + "; release them first");
        }
        boolean alreadyOnTeam = activeMembers().stream().anyMatch(m -> m.employeeId().equals(staff.employeeId()));
        if (!alreadyOnTeam && activeTeamsOfStaff >= staff.capacity()) {
            throw new TeamRuleViolation(staff.employeeId() + " already carries " + activeTeamsOfStaff + " key account"
                    + (activeTeamsOfStaff == 1 ? "" : "s") + ", their capacity is " + staff.capacity());
        }
        Set<String> covered = coverage == null ? Set.of() : coverage;
        if (role == TeamRole.FIELD_REP) {
            requireFieldRepRules(staff, covered);
        } else if (!covered.isEmpty()) {
            throw new TeamRuleViolation("only field reps cover regions and operating units");
        }
        Membership membership = new Membership(UUID.randomUUID().toString(), staff.employeeId(), role, covered, now, null);
        memberships.add(membership);
        refreshStatus();
        return membership;
    }

    private void requireFieldRepRules(StaffMember staff, Set<String> coverage) {
        if (coverage.isEmpty()) {
            throw new TeamRuleViolation("a field rep covers at least one region or operating unit of the customer");
        }
        for (String item : coverage) {
            boolean known = item.startsWith("region:") ? regions.contains(item.substring(7))
                    : item.startsWith("unit:") && operatingUnits.contains(item.substring(5));
            if (!known) {
                throw new TeamRuleViolation(item + " is not a region or operating unit of this customer (regions "
                        + regions + ", units " + operatingUnits + ")");
            }
        }
        Membership lead = keyAccountManager().orElseThrow(() -> new TeamRuleViolation(
                "field reps work under the team's key account manager; assign the key account manager first"));
        if (!lead.employeeId().equals(staff.managerId())) {
            throw new TeamRuleViolation(staff.employeeId() + " reports to " + staff.managerId()
                    + ", not to the team's key account manager " + lead.employeeId());
        }
    }

    /**
     * The person's record changed (HR moved them to another function): every role on this team their function no
     * longer fits is released, as their assignment would now be refused.
     *
     * @return the memberships released
     */
    public List<Membership> releaseRolesNoLongerFitting(StaffMember staff, Instant now) {
        List<Membership> released = new ArrayList<>();
        for (Membership membership : activeMembers()) {
            if (membership.employeeId().equals(staff.employeeId()) && !staff.fits(membership.role())) {
                released.add(release(membership.memberId(), now));
            }
        }
        return released;
    }

    /** Releases every role the person holds on this team (their capacity no longer covers it). */
    public List<Membership> releaseEmployee(String employeeId, Instant now) {
        List<Membership> released = new ArrayList<>();
        for (Membership membership : activeMembers()) {
            if (membership.employeeId().equals(employeeId)) {
                released.add(release(membership.memberId(), now));
            }
        }
        return released;
    }

    /** When the person joined this team (their earliest active role), or null when they are not on it. */
    public Instant memberSince(String employeeId) {
        return activeMembers().stream().filter(m -> m.employeeId().equals(employeeId)).map(Membership::since)
                .min(Instant::compareTo).orElse(null);
    }

    /** Releases a member; the membership stays in the history. */
    public Membership release(String memberId, Instant now) {
        for (int i = 0; i < memberships.size(); i++) {
            Membership membership = memberships.get(i);
            if (membership.memberId().equals(memberId) && membership.active()) {
                Membership released = membership.released(now);
                memberships.set(i, released);
                refreshStatus();
                return released;
            }
        }
        throw new TeamRuleViolation("no active member " + memberId + " on this team");
    }

    /**
     * The customer's regions or units changed.
     *
     * @return the gaps that opened with the change (to announce them)
     */
    public List<CoverageGap> reshape(Set<String> newRegions, Set<String> newUnits) {
        Set<CoverageGap> before = new LinkedHashSet<>(coverageGaps());
        regions = Set.copyOf(newRegions);
        operatingUnits = Set.copyOf(newUnits);
        refreshStatus();
        return coverageGaps().stream().filter(gap -> !before.contains(gap)).toList();
    }

    public void redesignate(String newDesignation) {
        designation = newDesignation;
    }

    /** The key account was revoked: no new members, everyone released, the team dissolved; history kept. */
    public List<Membership> dissolve(Instant now) {
        status = TeamStatus.WINDING_DOWN;
        List<Membership> released = new ArrayList<>();
        for (Membership membership : List.copyOf(activeMembers())) {
            released.add(release(membership.memberId(), now));
        }
        status = TeamStatus.DISSOLVED;
        return released;
    }

    /** Required roles nobody holds, then regions and operating units no field rep covers. */
    public List<CoverageGap> coverageGaps() {
        List<CoverageGap> gaps = new ArrayList<>();
        for (TeamRole role : TeamRole.REQUIRED) {
            if (activeMembers().stream().noneMatch(m -> m.role() == role)) {
                gaps.add(new CoverageGap(CoverageGap.Kind.ROLE, role.name()));
            }
        }
        Set<String> covered = new LinkedHashSet<>();
        activeMembers().stream().filter(m -> m.role() == TeamRole.FIELD_REP).forEach(m -> covered.addAll(m.coverage()));
        regions.stream().sorted().filter(region -> !covered.contains(Membership.region(region)))
                .forEach(region -> gaps.add(new CoverageGap(CoverageGap.Kind.REGION, region)));
        operatingUnits.stream().sorted().filter(unit -> !covered.contains(Membership.unit(unit)))
                .forEach(unit -> gaps.add(new CoverageGap(CoverageGap.Kind.OPERATING_UNIT, unit)));
        return gaps;
    }

    private void refreshStatus() {
        if (status == TeamStatus.FORMING || status == TeamStatus.ACTIVE) {
            status = coverageGaps().isEmpty() ? TeamStatus.ACTIVE : TeamStatus.FORMING;
        }
    }

    private void requireOpen() {
        if (status == TeamStatus.WINDING_DOWN || status == TeamStatus.DISSOLVED) {
            throw new TeamRuleViolation("the team of customer " + customerId + " is " + status + "; nobody joins it any more");
        }
    }

    public Optional<Membership> keyAccountManager() {
        return activeMembers().stream().filter(m -> m.role() == TeamRole.KEY_ACCOUNT_MANAGER).findFirst();
    }

    public List<Membership> activeMembers() {
        return memberships.stream().filter(Membership::active).toList();
    }

    public List<Membership> memberships() {
        return List.copyOf(memberships);
    }

    public UUID teamId() {
        return teamId;
    }

    public String customerId() {
        return customerId;
    }

    public String designation() {
        return designation;
    }

    public TeamStatus status() {
        return status;
    }

    public Set<String> regions() {
        return regions;
    }

    public Set<String> operatingUnits() {
        return operatingUnits;
    }
}
