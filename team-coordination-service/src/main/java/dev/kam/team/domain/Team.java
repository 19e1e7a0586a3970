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
 * owner and field reps for every sales territory and operating unit of the customer, coordinated by the key account
 * manager with their line managers' agreement. The team is ACTIVE when nothing required is missing, FORMING
 * otherwise. When the key account is revoked the team winds down: the account is handed to a territory rep and their
 * sales manager, and after the wind-down period the team dissolves, releasing everyone and keeping its history; a
 * designation during the wind-down reinstates it.
 */
public final class Team {

    private final UUID teamId;
    private final String customerId;
    private String designation;
    private TeamStatus status;
    private Set<String> regions;
    private Set<String> operatingUnits;
    private final List<Membership> memberships;
    private Identification identification;
    private WindDown windDown;

    /** The wind-down of a revoked key account: to whom it was handed over (none found: null), and until when. */
    public record WindDown(HandOver handOver, Instant since, Instant until, String reason) {
    }

    private Team(UUID teamId, String customerId, String designation, TeamStatus status, Set<String> regions,
                 Set<String> operatingUnits, List<Membership> memberships, Identification identification, WindDown windDown) {
        this.teamId = teamId;
        this.customerId = customerId;
        this.designation = designation;
        this.status = status;
        this.regions = ordered(regions);
        this.operatingUnits = ordered(operatingUnits);
        this.memberships = new ArrayList<>(memberships);
        this.identification = identification;
        this.windDown = windDown;
    }

    /**
     * A new team for a newly designated key account: nobody on it yet, so FORMING.
     *
     * @param territories the supplier's sales territories the customer has sites in, as scoring lists them
     */
    public static Team form(String customerId, String designation, Set<String> territories, Set<String> operatingUnits,
                            Identification identification) {
        return new Team(UUID.randomUUID(), customerId, designation, TeamStatus.FORMING, territories, operatingUnits, List.of(),
                identification, null);
    }

    /** A team as stored. */
    public static Team restore(UUID teamId, String customerId, String designation, TeamStatus status, Set<String> regions,
                               Set<String> operatingUnits, List<Membership> memberships, Identification identification, WindDown windDown) {
        return new Team(teamId, customerId, designation, status, regions, operatingUnits, memberships, identification, windDown);
    }

    private static Set<String> ordered(Set<String> values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values == null ? Set.of() : values));
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
        Coordination coordination = null;
        if (role == TeamRole.FIELD_REP) {
            coordination = requireFieldRepRules(staff, covered, now);
        } else if (!covered.isEmpty()) {
            throw new TeamRuleViolation("only field reps cover sales territories and operating units");
        }
        Membership membership = new Membership(UUID.randomUUID().toString(), staff.employeeId(), role, covered, now, null, coordination);
        memberships.add(membership);
        refreshStatus();
        return membership;
    }

    /**
     * A field rep covers territories or units of this customer, is coordinated by the team's key account manager and
     * keeps their own line manager, who is informed (or, being the key account manager, agrees at once).
     */
    private Coordination requireFieldRepRules(StaffMember staff, Set<String> coverage, Instant now) {
        if (coverage.isEmpty()) {
            throw new TeamRuleViolation("a field rep covers at least one sales territory or operating unit of the customer");
        }
        for (String item : coverage) {
            boolean known = item.startsWith("region:") ? regions.contains(item.substring(7))
                    : item.startsWith("unit:") && operatingUnits.contains(item.substring(5));
            if (!known) {
                throw new TeamRuleViolation(item + " is not a sales territory or operating unit of this customer (territories "
                        + regions + ", units " + operatingUnits + ")");
            }
        }
        Membership lead = keyAccountManager().orElseThrow(() -> new TeamRuleViolation(
                "the team's key account manager coordinates its field reps; assign the key account manager first"));
        if (staff.managerId() == null) {
            throw new TeamRuleViolation(staff.employeeId() + " has no line manager in the staff directory; a field rep's work on a key "
                    + "account is coordinated with their sales manager");
        }
        return Coordination.atAssignment(staff.managerId(), lead.employeeId(), now);
    }

    /**
     * The line manager of a rep on this team answers: they agree to (or decline) the rep's work on this account.
     *
     * @param by who records it: the line manager themselves, or sales ops on their behalf
     */
    public Membership decideCoordination(String memberId, Coordination.Stance stance, String by, Instant now) {
        requireOpen();
        if (stance == Coordination.Stance.INFORMED) {
            throw new TeamRuleViolation("a line manager agrees or declines; INFORMED is what they are at assignment");
        }
        for (int i = 0; i < memberships.size(); i++) {
            Membership membership = memberships.get(i);
            if (membership.memberId().equals(memberId) && membership.active()) {
                if (membership.role() != TeamRole.FIELD_REP) {
                    throw new TeamRuleViolation(memberId + " is " + membership.role() + "; only a field rep's work is coordinated with a line manager");
                }
                Coordination changed = new Coordination(membership.coordination().lineManagerId(), stance, by, now);
                memberships.set(i, membership.coordinated(changed));
                return memberships.get(i);
            }
        }
        throw new TeamRuleViolation("no active member " + memberId + " on this team");
    }

    /**
     * A rep's line manager changed in the directory: the new one is informed (or agrees, being the key account
     * manager); what the former one agreed no longer holds.
     *
     * @return the memberships whose coordination changed
     */
    public List<Membership> followLineManager(StaffMember rep, Instant now) {
        List<Membership> changed = new ArrayList<>();
        String lead = keyAccountManager().map(Membership::employeeId).orElse("");
        for (int i = 0; i < memberships.size(); i++) {
            Membership membership = memberships.get(i);
            if (membership.active() && membership.role() == TeamRole.FIELD_REP && membership.employeeId().equals(rep.employeeId())
                    && rep.managerId() != null && !rep.managerId().equals(membership.coordination().lineManagerId())) {
                memberships.set(i, membership.coordinated(Coordination.atAssignment(rep.managerId(), lead, now)));
                changed.add(memberships.get(i));
            }
        }
        return changed;
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
     * The customer's sales territories (from scoring) or operating units (from its profile) changed.
     *
     * @return the gaps that opened with the change (to announce them)
     */
    public List<CoverageGap> reshape(Set<String> newTerritories, Set<String> newUnits) {
        Set<CoverageGap> before = new LinkedHashSet<>(coverageGaps());
        regions = ordered(newTerritories);
        operatingUnits = ordered(newUnits);
        refreshStatus();
        return coverageGaps().stream().filter(gap -> !before.contains(gap)).toList();
    }

    /** Scoring's latest word on the key account: its designation and how clearly it identified it. */
    public void redesignate(String newDesignation, Identification newIdentification) {
        designation = newDesignation;
        if (newIdentification != null) {
            identification = newIdentification;
        }
    }

    /**
     * The key account was revoked: back to transactional coverage. The team winds down until {@code until}, the
     * account handed to a territory rep and their sales manager; nobody joins meanwhile, and the team dissolves then.
     */
    public void windDown(HandOver handOver, String reason, Instant now, Instant until) {
        requireOpen();
        status = TeamStatus.WINDING_DOWN;
        windDown = new WindDown(handOver, now, until, reason);
    }

    /** Designated again during the wind-down: the team is back, FORMING or ACTIVE by what it lacks. */
    public void reinstate(String newDesignation, Identification newIdentification) {
        if (status != TeamStatus.WINDING_DOWN) {
            throw new TeamRuleViolation("only a winding-down team is reinstated; this one is " + status);
        }
        redesignate(newDesignation, newIdentification);
        windDown = null;
        status = TeamStatus.FORMING;
        refreshStatus();
    }

    /** Whether the wind-down is over at {@code now}. */
    public boolean windDownOver(Instant now) {
        return status == TeamStatus.WINDING_DOWN && windDown != null && !windDown.until().isAfter(now);
    }

    /** The wind-down is over (or there is none to do): everyone released, the team dissolved; history kept. */
    public List<Membership> dissolve(Instant now) {
        status = TeamStatus.WINDING_DOWN;
        List<Membership> released = new ArrayList<>();
        for (Membership membership : List.copyOf(activeMembers())) {
            released.add(release(membership.memberId(), now));
        }
        status = TeamStatus.DISSOLVED;
        return released;
    }

    /** Required roles nobody holds, then sales territories and operating units no field rep covers. */
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

    public Identification identification() {
        return identification;
    }

    public WindDown windDownState() {
        return windDown;
    }

    /** The field reps on the team whose line manager has not agreed to their work on this account. */
    public List<Membership> uncoordinatedReps() {
        return activeMembers().stream().filter(m -> m.role() == TeamRole.FIELD_REP && (m.coordination() == null || !m.coordination().agreed()))
                .toList();
    }
}
