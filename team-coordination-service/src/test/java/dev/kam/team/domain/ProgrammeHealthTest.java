package dev.kam.team.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The six Hise & Reid conditions, each read from what can be missing: every one of them can fail. */
class ProgrammeHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    private final Map<String, StaffMember> staff = new HashMap<>();
    private final Team team = Team.form("c-1", "NATIONAL_ACCOUNT", Set.of("DE-NORTH"), Set.of(), clear());

    private StaffMember person(String id, StaffFunction function, String managerId) {
        StaffMember person = new StaffMember(id, id, null, function, Set.of("DE-NORTH"), Set.of(), 10, managerId);
        staff.put(id, person);
        return person;
    }

    private static Identification clear() {
        return new Identification(3, 1.0, List.of(), null, NOW.minus(Duration.ofDays(2)));
    }

    private Condition condition(int number, Optional<AccountPlan> plan, Set<String> customerAreas) {
        return ProgrammeHealth.evaluate(new ProgrammeHealth.TeamFacts(team, staff, plan, customerAreas, NOW)).stream()
                .filter(c -> c.number() == number).findFirst().map(c -> new Condition(c.met(), c.evidence())).orElseThrow();
    }

    private record Condition(boolean met, String evidence) {
    }

    @ParameterizedTest(name = "sponsor in {0}: met {1}")
    @CsvSource({
            "EXECUTIVE,     true",
            "SALES_MANAGER, false",   // assigned before the rule; a sales manager is not top management
    })
    void onlyAnExecutiveSponsorShowsTopManagementSupport(StaffFunction function, boolean met) {
        person("sponsor", StaffFunction.EXECUTIVE, null);
        team.assign(staff.get("sponsor"), TeamRole.EXECUTIVE_SPONSOR, Set.of(), 0, NOW);
        person("sponsor", function, null); // the directory as it is now
        Condition two = condition(2, Optional.empty(), Set.of());
        assertThat(two.met()).isEqualTo(met);
        assertThat(two.evidence()).contains(met ? "(EXECUTIVE) is executive sponsor" : "works in SALES_MANAGER, not in top management");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                | between                    | functions         | cadence | last held  | customer areas | met
            "sales and service, held last week     | sales and service          |                   | P2W     | 2026-11-24 |                | true",
            "held too long ago                     | sales and service          |                   | weekly  | 2026-11-01 |                | false",
            "never held                            | sales and service          |                   | monthly |            |                | false",
            "a cadence nobody can read             | sales and service          |                   | often   | 2026-11-30 |                | false",
            "finance with marketing only           | finance and marketing      |                   | monthly | 2026-11-30 |                | false",
            "sales with technical, quality buys    | key account and engineering|                   | P1M     | 2026-11-20 | QUALITY        | true",
            "sales with technical, nobody asks     | key account and engineering|                   | P1M     | 2026-11-20 | FINANCE        | false",
            "functions named explicitly            | weekly call                | SALES;LOGISTICS   | P1W     | 2026-11-29 | LOGISTICS      | true",
    })
    void salesAndServiceNeedALineThatConnectsThemAndIsInUse(String name, String between, String functions, String cadence,
                                                            LocalDate lastHeld, String areas, boolean met) {
        team.assign(person("svc", StaffFunction.SERVICE, null), TeamRole.SERVICE_OWNER, Set.of(), 0, NOW);
        AccountPlan plan = new AccountPlan("m", List.of(), List.of(new AccountPlan.CommunicationLine(between, "call", cadence,
                functions == null ? List.of() : List.of(functions.split(";")), lastHeld)), 1);
        Condition three = condition(3, Optional.of(plan), areas == null ? Set.of() : Set.of(areas.split(";")));
        assertThat(three.met()).as(three.evidence()).isEqualTo(met);
    }

    @Test
    void withoutAServiceOwnerNoLineIsEnough() {
        AccountPlan plan = new AccountPlan("m", List.of(), List.of(new AccountPlan.CommunicationLine("sales and service", "call", "P1W",
                List.of(), TODAY)), 1);
        assertThat(condition(3, Optional.of(plan), Set.of())).isEqualTo(new Condition(false, "no service owner on the team"));
    }

    @Test
    void fieldRepsAreCoordinatedWhenEveryTerritoryIsCoveredAndTheirSalesManagersAgreed() {
        assertThat(condition(5, Optional.empty(), Set.of()).evidence()).isEqualTo("no field rep on the team");
        team.assign(person("kam", StaffFunction.KEY_ACCOUNT_MANAGER, "rsm"), TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        Membership rep = team.assign(person("rep", StaffFunction.FIELD_SALES, "rsm-north"), TeamRole.FIELD_REP, Set.of("region:DE-NORTH"), 0, NOW);
        assertThat(condition(5, Optional.empty(), Set.of())).isEqualTo(new Condition(false, "rep: awaiting the agreement of rsm-north"));

        team.decideCoordination(rep.memberId(), Coordination.Stance.AGREED, "rsm-north", NOW);
        assertThat(condition(5, Optional.empty(), Set.of())).isEqualTo(new Condition(true,
                "1 field rep(s) cover every territory and unit, coordinated by kam with the agreement of rsm-north"));

        team.reshape(Set.of("DE-NORTH", "DE-EAST"), Set.of());
        assertThat(condition(5, Optional.empty(), Set.of())).isEqualTo(new Condition(false, "uncovered: [DE-EAST]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                         | confidence | missing           | override age (days) | met
            "the model, everything known    | 1.0        |                   |                     | true",
            "the model, intent unknown      | 1.0        | partnershipIntent |                     | false",
            "the model, a criterion unknown | 0.75       | buyingCenter      |                     | false",
            "an override of last month      | 0.6        |                   | 30                  | true",
            "an override of half a year     | 1.0        |                   | 180                 | false",
            "nothing said (older events)    |            |                   |                     | false",
    })
    void aKeyAccountIsClearlyIdentifiedWhenTheModelKnewEverythingOrARecentOverrideDecided(String name, Double confidence, String missing,
                                                                                           Integer overrideDays, boolean met) {
        Identification identification = new Identification(3, confidence, missing == null ? List.of() : List.of(missing),
                overrideDays == null ? null : new Identification.TierOverride("ops-1", "board decision", NOW.minus(Duration.ofDays(overrideDays)),
                        NOW.plus(Duration.ofDays(30))), NOW);
        team.redesignate("KEY_ACCOUNT", identification);
        Condition six = condition(6, Optional.empty(), Set.of());
        assertThat(six.met()).as(six.evidence()).isEqualTo(met);
    }

    @Test
    void aWindingDownTeamsAccountIsNoLongerIdentified() {
        team.windDown(null, "revoked", NOW, NOW.plusSeconds(60));
        assertThat(condition(6, Optional.empty(), Set.of())).isEqualTo(new Condition(false, "the key-account status was revoked"));
    }
}
