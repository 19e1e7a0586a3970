package dev.kam.team.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The six conditions for KAM success (Hise & Reid, 1994), evaluated from the data of one account team.
 */
public final class ProgrammeHealth {

    public record Condition(int number, String name, boolean met, String evidence) {
    }

    /** What the evaluation reads about one team. */
    public record TeamFacts(Team team, Optional<StaffMember> keyAccountManager, Optional<StaffMember> keyAccountManagersManager,
                            Optional<AccountPlan> plan) {
    }

    public static List<Condition> evaluate(TeamFacts facts) {
        Team team = facts.team();
        List<Condition> conditions = new ArrayList<>();

        Optional<StaffMember> lead = facts.keyAccountManager();
        boolean integrated = lead.isPresent() && facts.keyAccountManagersManager()
                .map(manager -> manager.function() == StaffFunction.SALES_MANAGER || manager.function() == StaffFunction.EXECUTIVE)
                .orElse(false);
        conditions.add(new Condition(1, "integrated into the sales organisation", integrated, lead.isEmpty()
                ? "the team has no key account manager"
                : integrated ? lead.get().employeeId() + " reports to " + facts.keyAccountManagersManager().get().employeeId()
                  + " (" + facts.keyAccountManagersManager().get().function() + ")"
                  : lead.get().employeeId() + " reports to nobody in sales management"));

        Optional<Membership> sponsor = member(team, TeamRole.EXECUTIVE_SPONSOR);
        conditions.add(new Condition(2, "top management supports the account", sponsor.isPresent(), sponsor
                .map(m -> m.employeeId() + " is executive sponsor").orElse("no executive sponsor on the team")));

        Optional<Membership> service = member(team, TeamRole.SERVICE_OWNER);
        boolean talks = facts.plan().map(plan -> !plan.communication().isEmpty()).orElse(false);
        conditions.add(new Condition(3, "clear communication between sales and service", service.isPresent() && talks,
                service.isEmpty() ? "no service owner on the team"
                        : talks ? service.get().employeeId() + " owns service; the plan sets " + facts.plan().get().communication().size()
                                  + " communication line(s)"
                                : "the plan sets no communication line between sales and service"));

        boolean goals = facts.plan().map(AccountPlan::hasMissionAndMeasurableGoals).orElse(false);
        conditions.add(new Condition(4, "goals set and mission defined", goals, facts.plan().isEmpty() ? "no account plan"
                : goals ? "mission and " + facts.plan().get().goals().stream().filter(AccountPlan.Goal::measurable).count()
                          + " measurable goal(s)"
                        : "the plan lacks a mission or a goal with metric, target and due date"));

        List<CoverageGap> fieldGaps = team.coverageGaps().stream().filter(gap -> gap.kind() != CoverageGap.Kind.ROLE).toList();
        boolean reps = member(team, TeamRole.FIELD_REP).isPresent();
        conditions.add(new Condition(5, "field reps coordinated under the key account manager", reps && fieldGaps.isEmpty() && lead.isPresent(),
                !reps ? "no field rep on the team"
                        : fieldGaps.isEmpty() ? "every region and operating unit has a field rep reporting to the key account manager"
                                              : "uncovered: " + fieldGaps.stream().map(CoverageGap::value).toList()));

        boolean designated = team.status() != TeamStatus.DISSOLVED && team.designation() != null;
        conditions.add(new Condition(6, "the customer is clearly identified as a key account", designated, designated
                ? "designated " + team.designation() + " by the versioned scoring model"
                : "the key-account status was revoked"));
        return conditions;
    }

    private static Optional<Membership> member(Team team, TeamRole role) {
        return team.activeMembers().stream().filter(m -> m.role() == role).findFirst();
    }

    private ProgrammeHealth() {
    }
}
