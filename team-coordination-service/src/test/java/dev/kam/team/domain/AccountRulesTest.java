package dev.kam.team.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-over, supplier status, specialists, units and communication lines: the rules around the team. */
class AccountRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static StaffMember person(String id, StaffFunction function, String territory, String managerId) {
        return new StaffMember(id, id, null, function, Set.of(territory), Set.of(), 10, managerId);
    }

    @Test
    void aRevokedAccountGoesToTheTeamsOwnRepOfItsFirstTerritoryElseToTheLeastLoadedRepThere() {
        Team team = Team.form("c-1", "KEY_ACCOUNT", new LinkedHashSet<>(List.of("DE-SOUTH", "DE-WEST")), Set.of(), null);
        StaffMember kam = person("kam", StaffFunction.KEY_ACCOUNT_MANAGER, "DE-SOUTH", "rsm-south");
        team.assign(kam, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        StaffMember onTeam = person("rep-west", StaffFunction.FIELD_SALES, "DE-WEST", "rsm-west");
        team.assign(onTeam, TeamRole.FIELD_REP, Set.of("region:DE-WEST"), 0, NOW);
        StaffMember busy = person("rep-south-a", StaffFunction.FIELD_SALES, "DE-SOUTH", "rsm-south");
        StaffMember free = person("rep-south-b", StaffFunction.FIELD_SALES, "DE-SOUTH", "rsm-south");
        Map<String, Integer> load = Map.of("rep-south-a", 3, "rep-south-b", 1, "rep-west", 2);

        assertThat(HandOver.choose(team, List.of("DE-SOUTH", "DE-WEST"), List.of(busy, free, onTeam), load::get))
                .as("the team's own rep knows the account").contains(new HandOver("DE-WEST", "rep-west", "rsm-west"));

        Team withoutReps = Team.form("c-2", "KEY_ACCOUNT", new LinkedHashSet<>(List.of("DE-SOUTH", "DE-WEST")), Set.of(), null);
        assertThat(HandOver.choose(withoutReps, List.of("DE-SOUTH", "DE-WEST"), List.of(busy, free, onTeam), load::get))
                .contains(new HandOver("DE-SOUTH", "rep-south-b", "rsm-south"));
        assertThat(HandOver.choose(withoutReps, List.of("JAPAN"), List.of(busy, free, onTeam), load::get)).isEmpty();
    }

    @Test
    void supplierStatusMovementsAreReadFromItsObservations() {
        List<SupplierStatus.Observation> history = SupplierStatus.history(
                List.of(SupplierStatus.APPROVED, SupplierStatus.APPROVED, SupplierStatus.PREFERRED, SupplierStatus.APPROVED),
                List.of(NOW, NOW.plusSeconds(1), NOW.plusSeconds(2), NOW.plusSeconds(3)));
        assertThat(history).extracting(SupplierStatus.Observation::movement)
                .containsExactly(SupplierStatus.Movement.FIRST, SupplierStatus.Movement.UP, SupplierStatus.Movement.DOWN);
    }

    @ParameterizedTest(name = "{0} for a goal of {1}: {2}")
    @CsvSource({
            "STRATEGIC, PREFERRED, true",
            "PREFERRED, PREFERRED, true",
            "APPROVED,  PREFERRED, false",
            ",          APPROVED,  false",
    })
    void aSupplierStatusGoalIsAchievedAtTheTargetOrAbove(SupplierStatus current, SupplierStatus target, boolean achieved) {
        assertThat(SupplierStatus.achieves(current, target)).isEqualTo(achieved);
        assertThat(SupplierStatus.PREFERRED.reached()).isTrue();
        assertThat(SupplierStatus.APPROVED.reached()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "QUALITY;ENGINEERING        | TECHNICAL",
            "LOGISTICS                  | LOGISTICS",
            "OPERATIONS;FINANCE         | SERVICE;FINANCE",
            "PROCUREMENT;EXECUTIVE      | ",
            "IT;MARKETING;LOGISTICS     | LOGISTICS;TECHNICAL;MARKETING",
    })
    void theCustomersFunctionalAreasCallForSpecialists(String areas, String functions) {
        List<StaffFunction> expected = functions == null ? List.of()
                : java.util.Arrays.stream(functions.split(";")).map(StaffFunction::valueOf).toList();
        assertThat(SpecialistNeed.of(Set.of(areas.split(";")))).extracting(SpecialistNeed::function).containsExactlyElementsOf(expected);
    }

    @Test
    void aUnitWhoseContactsNoRepCoveringItKnowsIsFlagged() {
        Team team = Team.form("c-1", "KEY_ACCOUNT", Set.of("DE-SOUTH"), Set.of("Powertrain", "Chassis", "Aftermarket"), null);
        team.assign(person("kam", StaffFunction.KEY_ACCOUNT_MANAGER, "DE-SOUTH", null), TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        team.assign(person("rep-a", StaffFunction.FIELD_SALES, "DE-SOUTH", "rsm"), TeamRole.FIELD_REP, Set.of("unit:Powertrain"), 0, NOW);
        team.assign(person("rep-b", StaffFunction.FIELD_SALES, "DE-SOUTH", "rsm"), TeamRole.FIELD_REP, Set.of("unit:Chassis"), 0, NOW);
        List<Contact> contacts = List.of(new Contact("c-1", "A", null, List.of(), "Powertrain"), new Contact("c-2", "B", null, List.of(), "Chassis"),
                new Contact("c-3", "C", null, List.of(), "Chassis"), new Contact("c-4", "D", null, List.of(), null));
        // rep-a knows the Powertrain buyer; Chassis buyers are known only to the key account manager
        Map<String, String> owners = Map.of("c-1", "rep-a", "c-2", "kam");

        assertThat(UnitCoverage.of(team, contacts, owners)).containsExactly(
                new UnitCoverage("Aftermarket", List.of(), List.of(), List.of(), false),
                new UnitCoverage("Chassis", List.of("c-2", "c-3"), List.of("rep-b"), List.of(), true),
                new UnitCoverage("Powertrain", List.of("c-1"), List.of("rep-a"), List.of("c-1"), false));
    }

    @ParameterizedTest(name = "cadence {0} -> {1}")
    @CsvSource({
            "weekly,    P7D",
            "Monthly,   P1M",
            "P14D,      P14D",
            "p1w,       P7D",
            "quarterly, P3M",
            "often,     ",
            "P0D,       ",
            "-P1D,      ",
            "P1Y,       P1Y",
            "P12M,      P12M",
            "P52W,      P364D",
            "P366D,     P366D",
            "P367D,     ",
            "P1Y1D,     ",
            "P13M,      ",
            "P10000Y,   ",
            "P999999999Y, ",
            "P2147483647Y, ",
            "P2147483647M, ",
            "P2147483647D, ",
            "PT1H,      ",
    })
    void aCadenceIsAPeriodOfADayToAYearOrAWordForOne(String cadence, String period) {
        AccountPlan.CommunicationLine line = new AccountPlan.CommunicationLine("sales and service", "call", cadence, List.of(), null);
        assertThat(line.period().orElse(null)).isEqualTo(period == null ? null : Period.parse(period));
    }

    @ParameterizedTest(name = "held {1} with cadence {0}: in use {2}")
    @CsvSource({
            "P999999999Y,  2026-11-01, false",
            "P2147483647Y, 2026-11-01, false",
            "P1Y,          9999-12-31, true",
            "P2147483647D, 2026-11-01, false",
            "weekly,       2026-11-28, true",
            "weekly,       2026-11-01, false",
    })
    void whetherALineIsInUseIsAnsweredForEveryCadenceAndDate(String cadence, LocalDate lastHeld, boolean inUse) {
        // a plan stored before cadences were bounded may hold any of these: every health read must still answer
        AccountPlan.CommunicationLine line = new AccountPlan.CommunicationLine("sales and service", "call", cadence, List.of(), lastHeld);
        LocalDate today = lastHeld.getYear() == 9999 ? lastHeld : LocalDate.of(2026, 12, 1);
        assertThat(line.inUse(today)).isEqualTo(inUse);
    }

    @ParameterizedTest(name = "{0} connects {1}")
    @CsvSource(delimiter = '|', value = {
            "sales and service               | SALES;SERVICE",
            "Key Account Manager and Quality | SALES;TECHNICAL",
            "board meeting                   | ",
    })
    void aLinesFunctionsAreReadFromItsWordsWhenNotNamed(String between, String functions) {
        AccountPlan.CommunicationLine line = new AccountPlan.CommunicationLine(between, "call", "P1W", List.of(), null);
        assertThat(line.connects()).containsExactlyInAnyOrderElementsOf(functions == null ? List.of()
                : java.util.Arrays.stream(functions.split(";")).map(AccountPlan.LineFunction::valueOf).toList());
    }
}
