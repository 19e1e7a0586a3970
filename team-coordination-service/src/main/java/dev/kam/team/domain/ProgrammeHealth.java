package dev.kam.team.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The six conditions for KAM success (Hise & Reid, 1994), evaluated from the data of one account team. Each reads
 * something that can be missing, so each can fail: the scorecard of a programme is only as good as this.
 */
public final class ProgrammeHealth {

    public record Condition(int number, String name, boolean met, String evidence) {
    }

    /**
     * What the evaluation reads about one team.
     *
     * @param staff         the directory entries of the team's members and of their line managers, by employee id
     * @param customerAreas the functional areas of the customer's buying centre
     */
    public record TeamFacts(Team team, Map<String, StaffMember> staff, Optional<AccountPlan> plan, Set<String> customerAreas,
                            Instant now) {
        Optional<StaffMember> person(String employeeId) {
            return Optional.ofNullable(employeeId).map(staff::get);
        }
    }

    public static List<Condition> evaluate(TeamFacts facts) {
        Team team = facts.team();
        List<Condition> conditions = new ArrayList<>();
        Optional<StaffMember> lead = team.keyAccountManager().flatMap(m -> facts.person(m.employeeId()));
        conditions.add(integrated(lead, lead.flatMap(l -> facts.person(l.managerId()))));
        conditions.add(topManagement(member(team, TeamRole.EXECUTIVE_SPONSOR).flatMap(m -> facts.person(m.employeeId()))));
        conditions.add(salesAndService(team, facts));
        boolean goals = facts.plan().map(AccountPlan::hasMissionAndMeasurableGoals).orElse(false);
        conditions.add(new Condition(4, "goals set and mission defined", goals, facts.plan().isEmpty() ? "no account plan"
                : goals ? "mission and " + facts.plan().get().goals().stream().filter(AccountPlan.Goal::measurable).count()
                          + " measurable goal(s)"
                        : "the plan lacks a mission or a goal with metric, target and due date"));
        conditions.add(coordinated(team, lead, facts));
        conditions.add(identified(team, facts.now()));
        return conditions;
    }

    private static Condition integrated(Optional<StaffMember> lead, Optional<StaffMember> leadsManager) {
        boolean integrated = lead.isPresent() && leadsManager
                .map(manager -> manager.function() == StaffFunction.SALES_MANAGER || manager.function() == StaffFunction.EXECUTIVE)
                .orElse(false);
        return new Condition(1, "integrated into the sales organisation", integrated, lead.isEmpty()
                ? "the team has no key account manager"
                : integrated ? lead.get().employeeId() + " reports to " + leadsManager.get().employeeId() + " (" + leadsManager.get().function() + ")"
                  : lead.get().employeeId() + " reports to nobody in sales management");
    }

    /** Condition 2: top management understands and supports key accounts. A sales manager is not top management. */
    private static Condition topManagement(Optional<StaffMember> sponsor) {
        boolean executive = sponsor.map(s -> s.function() == StaffFunction.EXECUTIVE).orElse(false);
        return new Condition(2, "top management supports the account", executive, sponsor.isEmpty()
                ? "no executive sponsor on the team"
                : executive ? sponsor.get().employeeId() + " (EXECUTIVE) is executive sponsor"
                  : sponsor.get().employeeId() + " sponsors the account but works in " + sponsor.get().function() + ", not in top management");
    }

    /**
     * Condition 3: a clear, practical line between the main sales and service units: a service owner on the team, and
     * a communication line in use that connects sales with service, or with a function the customer's buying centre
     * involves (its quality people with our technical ones, and so on).
     */
    private static Condition salesAndService(Team team, TeamFacts facts) {
        Optional<Membership> service = member(team, TeamRole.SERVICE_OWNER);
        String name = "clear communication between sales and service";
        if (service.isEmpty()) {
            return new Condition(3, name, false, "no service owner on the team");
        }
        Set<AccountPlan.LineFunction> counterparts = EnumSet.of(AccountPlan.LineFunction.SERVICE);
        facts.customerAreas().forEach(area -> AccountPlan.LineFunction.answering(area).ifPresent(counterparts::add));
        List<AccountPlan.CommunicationLine> lines = facts.plan().map(AccountPlan::communication).orElse(List.of());
        List<AccountPlan.CommunicationLine> connecting = lines.stream().filter(line -> line.connects().contains(AccountPlan.LineFunction.SALES)
                && line.connects().stream().anyMatch(counterparts::contains)).toList();
        LocalDate today = LocalDate.ofInstant(facts.now(), ZoneOffset.UTC);
        Optional<AccountPlan.CommunicationLine> inUse = connecting.stream().filter(line -> line.inUse(today)).findFirst();
        if (inUse.isPresent()) {
            return new Condition(3, name, true, service.get().employeeId() + " owns service; \"" + inUse.get().between() + "\" ("
                    + inUse.get().channel() + ", " + inUse.get().cadence() + ") last held " + inUse.get().lastHeld());
        }
        if (connecting.isEmpty()) {
            return new Condition(3, name, false, lines.isEmpty() ? "the plan sets no communication line"
                    : "no communication line connects sales with " + counterparts.stream().map(Enum::name).map(String::toLowerCase).toList());
        }
        AccountPlan.CommunicationLine first = connecting.get(0);
        return new Condition(3, name, false, "\"" + first.between() + "\" is not in use: " + (first.period().isEmpty()
                ? "its cadence \"" + first.cadence() + "\" is not one KAM reads (P1W, P1M, weekly, monthly, ...)"
                : first.lastHeld() == null ? "never held" : "last held " + first.lastHeld() + ", its cadence " + first.cadence() + " has passed"));
    }

    /**
     * Condition 5: coordinated working relationships between sales managers and field reps: every territory and unit
     * covered by a rep whom the key account manager coordinates and whose line manager agreed.
     */
    private static Condition coordinated(Team team, Optional<StaffMember> lead, TeamFacts facts) {
        String name = "field reps coordinated with their sales managers";
        List<Membership> reps = team.activeMembers().stream().filter(m -> m.role() == TeamRole.FIELD_REP).toList();
        if (reps.isEmpty()) {
            return new Condition(5, name, false, "no field rep on the team");
        }
        if (lead.isEmpty()) {
            return new Condition(5, name, false, "no key account manager coordinates the field reps");
        }
        List<CoverageGap> fieldGaps = team.coverageGaps().stream().filter(gap -> gap.kind() != CoverageGap.Kind.ROLE).toList();
        if (!fieldGaps.isEmpty()) {
            return new Condition(5, name, false, "uncovered: " + fieldGaps.stream().map(CoverageGap::value).toList());
        }
        List<Membership> waiting = team.uncoordinatedReps();
        if (!waiting.isEmpty()) {
            return new Condition(5, name, false, String.join("; ", waiting.stream().map(rep -> rep.employeeId() + ": "
                    + (rep.coordination() == null ? "no line manager recorded"
                       : rep.coordination().stance() == Coordination.Stance.DECLINED ? "declined by " + rep.coordination().lineManagerId()
                         : "awaiting the agreement of " + rep.coordination().lineManagerId())).toList()));
        }
        List<String> managers = reps.stream().map(rep -> rep.coordination().lineManagerId()).distinct().sorted().toList();
        return new Condition(5, name, true, reps.size() + " field rep(s) cover every territory and unit, coordinated by "
                + lead.get().employeeId() + " with the agreement of " + String.join(", ", managers));
    }

    /** Condition 6: a clear definition and identification of the customers who get key-account status. */
    private static Condition identified(Team team, Instant now) {
        String name = "the customer is clearly identified as a key account";
        if (team.status() == TeamStatus.DISSOLVED || team.status() == TeamStatus.WINDING_DOWN) {
            return new Condition(6, name, false, "the key-account status was revoked");
        }
        if (team.identification() == null) {
            return new Condition(6, name, false, "designated " + team.designation() + ", but scoring has not said how clearly");
        }
        Identification.Verdict verdict = team.identification().verdict(now);
        return new Condition(6, name, verdict.clear(), team.designation() + " " + verdict.evidence());
    }

    private static Optional<Membership> member(Team team, TeamRole role) {
        return team.activeMembers().stream().filter(m -> m.role() == role).findFirst();
    }

    private ProgrammeHealth() {
    }
}
