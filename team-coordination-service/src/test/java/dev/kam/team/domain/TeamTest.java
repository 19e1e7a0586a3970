package dev.kam.team.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static final StaffMember KAM = staff("kam-1", StaffFunction.KEY_ACCOUNT_MANAGER, 3, null);
    private static final StaffMember SPONSOR = staff("exec-1", StaffFunction.EXECUTIVE, 10, null);
    private static final StaffMember SERVICE = staff("svc-1", StaffFunction.SERVICE, 10, null);
    private static final StaffMember REP_EMEA = staff("rep-1", StaffFunction.FIELD_SALES, 5, "kam-1");
    private static final StaffMember REP_APAC = staff("rep-2", StaffFunction.FIELD_SALES, 5, "kam-1");

    private Team team;

    static StaffMember staff(String id, StaffFunction function, int capacity, String managerId) {
        return new StaffMember(id, id, id + "@supplier.example", function, Set.of("EMEA"), Set.of("automotive"), capacity, managerId);
    }

    @BeforeEach
    void form() {
        team = Team.form("customer-1", "NATIONAL_ACCOUNT", Set.of("EMEA", "APAC"), Set.of("Powertrain"));
    }

    @Test
    void aNewTeamIsFormingAndListsEverythingItLacks() {
        assertThat(team.status()).isEqualTo(TeamStatus.FORMING);
        assertThat(team.coverageGaps()).containsExactly(
                new CoverageGap(CoverageGap.Kind.ROLE, "KEY_ACCOUNT_MANAGER"),
                new CoverageGap(CoverageGap.Kind.ROLE, "EXECUTIVE_SPONSOR"),
                new CoverageGap(CoverageGap.Kind.ROLE, "SERVICE_OWNER"),
                new CoverageGap(CoverageGap.Kind.REGION, "APAC"),
                new CoverageGap(CoverageGap.Kind.REGION, "EMEA"),
                new CoverageGap(CoverageGap.Kind.OPERATING_UNIT, "Powertrain"));
    }

    @Test
    void aTeamWithTheRequiredRolesAndFullCoverageIsActive() {
        staffFully();
        assertThat(team.coverageGaps()).isEmpty();
        assertThat(team.status()).isEqualTo(TeamStatus.ACTIVE);
    }

    @Test
    void aNewRegionOpensAGapAndAssigningARepClosesIt() {
        staffFully();
        List<CoverageGap> opened = team.reshape(Set.of("EMEA", "APAC", "AMERICAS"), Set.of("Powertrain"));
        assertThat(opened).containsExactly(new CoverageGap(CoverageGap.Kind.REGION, "AMERICAS"));
        assertThat(team.status()).isEqualTo(TeamStatus.FORMING);

        team.assign(staff("rep-3", StaffFunction.FIELD_SALES, 5, "kam-1"), TeamRole.FIELD_REP, Set.of("region:AMERICAS"), 0, NOW);
        assertThat(team.status()).isEqualTo(TeamStatus.ACTIVE);
    }

    @Test
    void aTeamHasExactlyOneKeyAccountManager() {
        team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        assertThatThrownBy(() -> team.assign(staff("kam-2", StaffFunction.KEY_ACCOUNT_MANAGER, 3, null),
                TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW))
                .isInstanceOf(TeamRuleViolation.class).hasMessageContaining("exactly one key account manager");
    }

    @Test
    void nobodyIsAssignedAboveTheirCapacity() {
        assertThatThrownBy(() -> team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 3, NOW))
                .isInstanceOf(TeamRuleViolation.class).hasMessageContaining("capacity is 3");
        team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 2, NOW);
    }

    @ParameterizedTest(name = "{0} as {1}: allowed {2}")
    @CsvSource({
            "KEY_ACCOUNT_MANAGER, KEY_ACCOUNT_MANAGER, true",
            "FIELD_SALES,         KEY_ACCOUNT_MANAGER, false",
            "EXECUTIVE,           EXECUTIVE_SPONSOR,   true",
            "SALES_MANAGER,       EXECUTIVE_SPONSOR,   true",
            "MARKETING,           EXECUTIVE_SPONSOR,   false",
            "SERVICE,             SERVICE_OWNER,       true",
            "FINANCE,             SERVICE_OWNER,       false",
            "TECHNICAL,           SPECIALIST,          true",
            "EXECUTIVE,           SPECIALIST,          false",
    })
    void rolesFitFunctions(StaffFunction function, TeamRole role, boolean allowed) {
        StaffMember person = staff("p-1", function, 5, null);
        if (allowed) {
            assertThat(team.assign(person, role, Set.of(), 0, NOW).role()).isEqualTo(role);
        } else {
            assertThatThrownBy(() -> team.assign(person, role, Set.of(), 0, NOW))
                    .isInstanceOf(TeamRuleViolation.class).hasMessageContaining("is for");
        }
    }

    @Test
    void aFieldRepCoversThisCustomersRegionsOrUnitsAndWorksUnderItsKeyAccountManager() {
        assertThatThrownBy(() -> team.assign(REP_EMEA, TeamRole.FIELD_REP, Set.of("region:EMEA"), 0, NOW))
                .hasMessageContaining("assign the key account manager first");
        team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        assertThatThrownBy(() -> team.assign(REP_EMEA, TeamRole.FIELD_REP, Set.of("region:LATAM"), 0, NOW))
                .hasMessageContaining("region:LATAM is not a region or operating unit of this customer");
        assertThatThrownBy(() -> team.assign(staff("rep-9", StaffFunction.FIELD_SALES, 5, "someone-else"), TeamRole.FIELD_REP,
                Set.of("region:EMEA"), 0, NOW))
                .hasMessageContaining("not to the team's key account manager kam-1");
        assertThatThrownBy(() -> team.assign(SERVICE, TeamRole.SERVICE_OWNER, Set.of("region:EMEA"), 0, NOW))
                .hasMessageContaining("only field reps cover");
    }

    @Test
    void dissolvingReleasesEveryoneKeepsTheHistoryAndAdmitsNobody() {
        staffFully();
        List<Membership> released = team.dissolve(NOW.plusSeconds(60));
        assertThat(released).hasSize(5).allSatisfy(m -> assertThat(m.releasedAt()).isEqualTo(NOW.plusSeconds(60)));
        assertThat(team.status()).isEqualTo(TeamStatus.DISSOLVED);
        assertThat(team.activeMembers()).isEmpty();
        assertThat(team.memberships()).hasSize(5);
        assertThatThrownBy(() -> team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW))
                .hasMessageContaining("DISSOLVED");
    }

    private void staffFully() {
        team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        team.assign(SPONSOR, TeamRole.EXECUTIVE_SPONSOR, Set.of(), 0, NOW);
        team.assign(SERVICE, TeamRole.SERVICE_OWNER, Set.of(), 0, NOW);
        team.assign(REP_EMEA, TeamRole.FIELD_REP, Set.of("region:EMEA", "unit:Powertrain"), 0, NOW);
        team.assign(REP_APAC, TeamRole.FIELD_REP, Set.of("region:APAC"), 0, NOW);
    }
}
