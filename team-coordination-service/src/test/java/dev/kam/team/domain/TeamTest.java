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
    private static final StaffMember REP_SOUTH = staff("rep-1", StaffFunction.FIELD_SALES, 5, "kam-1");
    /** A rep of a matrix sales force: reports to a regional sales manager, not to the key account manager. */
    private static final StaffMember REP_NORTH = staff("rep-2", StaffFunction.FIELD_SALES, 5, "rsm-north");

    private Team team;

    static StaffMember staff(String id, StaffFunction function, int capacity, String managerId) {
        return new StaffMember(id, id, id + "@supplier.example", function, Set.of("DE-SOUTH"), Set.of("automotive"), capacity, managerId);
    }

    @BeforeEach
    void form() {
        team = Team.form("customer-1", "NATIONAL_ACCOUNT", new java.util.LinkedHashSet<>(List.of("DE-NORTH", "DE-SOUTH")), Set.of("Powertrain"), null);
    }

    @Test
    void aNewTeamIsFormingAndListsEverythingItLacks() {
        assertThat(team.status()).isEqualTo(TeamStatus.FORMING);
        assertThat(team.coverageGaps()).containsExactly(
                new CoverageGap(CoverageGap.Kind.ROLE, "KEY_ACCOUNT_MANAGER"),
                new CoverageGap(CoverageGap.Kind.ROLE, "EXECUTIVE_SPONSOR"),
                new CoverageGap(CoverageGap.Kind.ROLE, "SERVICE_OWNER"),
                new CoverageGap(CoverageGap.Kind.REGION, "DE-NORTH"),
                new CoverageGap(CoverageGap.Kind.REGION, "DE-SOUTH"),
                new CoverageGap(CoverageGap.Kind.OPERATING_UNIT, "Powertrain"));
    }

    @Test
    void aTeamWithTheRequiredRolesAndFullCoverageIsActive() {
        staffFully();
        assertThat(team.coverageGaps()).isEmpty();
        assertThat(team.status()).isEqualTo(TeamStatus.ACTIVE);
    }

    @Test
    void aNewTerritoryOpensAGapAndAssigningARepClosesIt() {
        staffFully();
        List<CoverageGap> opened = team.reshape(Set.of("DE-NORTH", "DE-SOUTH", "DE-EAST"), Set.of("Powertrain"));
        assertThat(opened).containsExactly(new CoverageGap(CoverageGap.Kind.REGION, "DE-EAST"));
        assertThat(team.status()).isEqualTo(TeamStatus.FORMING);

        team.assign(staff("rep-3", StaffFunction.FIELD_SALES, 5, "rsm-east"), TeamRole.FIELD_REP, Set.of("region:DE-EAST"), 0, NOW);
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
            "SALES_MANAGER,       EXECUTIVE_SPONSOR,   false",   // a sales manager is not top management
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
    void aFieldRepCoversThisCustomersTerritoriesOrUnitsAndIsCoordinatedByItsKeyAccountManager() {
        assertThatThrownBy(() -> team.assign(REP_SOUTH, TeamRole.FIELD_REP, Set.of("region:DE-SOUTH"), 0, NOW))
                .hasMessageContaining("assign the key account manager first");
        team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        assertThatThrownBy(() -> team.assign(REP_SOUTH, TeamRole.FIELD_REP, Set.of("region:FRANCE"), 0, NOW))
                .hasMessageContaining("region:FRANCE is not a sales territory or operating unit of this customer");
        assertThatThrownBy(() -> team.assign(staff("rep-9", StaffFunction.FIELD_SALES, 5, null), TeamRole.FIELD_REP,
                Set.of("region:DE-SOUTH"), 0, NOW))
                .hasMessageContaining("rep-9 has no line manager in the staff directory");
        assertThatThrownBy(() -> team.assign(SERVICE, TeamRole.SERVICE_OWNER, Set.of("region:DE-SOUTH"), 0, NOW))
                .hasMessageContaining("only field reps cover");
    }

    @ParameterizedTest(name = "a rep reporting to {0}: {1}")
    @CsvSource({
            "kam-1,     AGREED",     // reports to the key account manager: nobody else to ask
            "rsm-north, INFORMED",   // reports to a regional sales manager: informed, who then agrees or declines
    })
    void aRepKeepsTheirLineManagerWhoIsInformedUnlessTheyLeadTheTeam(String manager, Coordination.Stance stance) {
        team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        Membership rep = team.assign(staff("rep-5", StaffFunction.FIELD_SALES, 5, manager), TeamRole.FIELD_REP, Set.of("region:DE-NORTH"), 0, NOW);
        assertThat(rep.coordination().lineManagerId()).isEqualTo(manager);
        assertThat(rep.coordination().stance()).isEqualTo(stance);
        assertThat(team.uncoordinatedReps()).hasSize(stance == Coordination.Stance.AGREED ? 0 : 1);
    }

    @Test
    void theLineManagerAgreesOrDeclinesAndANewLineManagerIsInformedAgain() {
        team.assign(KAM, TeamRole.KEY_ACCOUNT_MANAGER, Set.of(), 0, NOW);
        Membership rep = team.assign(REP_NORTH, TeamRole.FIELD_REP, Set.of("region:DE-NORTH"), 0, NOW);
        assertThat(team.decideCoordination(rep.memberId(), Coordination.Stance.AGREED, "rsm-north", NOW).coordination().agreed()).isTrue();
        assertThat(team.uncoordinatedReps()).isEmpty();
        assertThatThrownBy(() -> team.decideCoordination(rep.memberId(), Coordination.Stance.INFORMED, "rsm-north", NOW))
                .hasMessageContaining("agrees or declines");

        StaffMember moved = staff("rep-2", StaffFunction.FIELD_SALES, 5, "rsm-east");
        assertThat(team.followLineManager(moved, NOW)).singleElement().satisfies(m -> {
            assertThat(m.coordination().lineManagerId()).isEqualTo("rsm-east");
            assertThat(m.coordination().stance()).isEqualTo(Coordination.Stance.INFORMED);
        });
        assertThat(team.followLineManager(moved, NOW)).as("nothing changed the second time").isEmpty();
        assertThat(team.decideCoordination(rep.memberId(), Coordination.Stance.DECLINED, "rsm-east", NOW).coordination().stance())
                .isEqualTo(Coordination.Stance.DECLINED);
        assertThat(team.uncoordinatedReps()).hasSize(1);
    }

    @Test
    void aRevokedKeyAccountsTeamWindsDownAdmitsNobodyAndIsReinstatedByANewDesignation() {
        staffFully();
        HandOver handOver = new HandOver("DE-SOUTH", "rep-1", "kam-1");
        team.windDown(handOver, "revoked", NOW, NOW.plusSeconds(30 * 86_400));
        assertThat(team.status()).isEqualTo(TeamStatus.WINDING_DOWN);
        assertThat(team.activeMembers()).as("the team hands over before it goes").hasSize(5);
        assertThat(team.windDownOver(NOW.plusSeconds(29 * 86_400))).isFalse();
        assertThat(team.windDownOver(NOW.plusSeconds(30 * 86_400))).isTrue();
        assertThatThrownBy(() -> team.assign(staff("p-2", StaffFunction.TECHNICAL, 5, null), TeamRole.SPECIALIST, Set.of(), 0, NOW))
                .hasMessageContaining("WINDING_DOWN");

        team.reinstate("KEY_ACCOUNT", null);
        assertThat(team.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(team.windDownState()).isNull();
        assertThatThrownBy(() -> team.reinstate("KEY_ACCOUNT", null)).hasMessageContaining("only a winding-down team");
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
        team.assign(REP_SOUTH, TeamRole.FIELD_REP, Set.of("region:DE-SOUTH", "unit:Powertrain"), 0, NOW);
        team.assign(REP_NORTH, TeamRole.FIELD_REP, Set.of("region:DE-NORTH"), 0, NOW);
    }
}
