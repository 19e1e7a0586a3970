package dev.kam.team.service;

import dev.kam.contracts.EventType;
import dev.kam.foundation.audit.AuditTrail;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.team.domain.AccountPlan;
import dev.kam.team.domain.Contact;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.ProgrammeHealth;
import dev.kam.team.domain.ProgrammeHealth.Condition;
import dev.kam.team.domain.Relationship;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.SupplierStatus;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.domain.UnitCoverage;
import dev.kam.team.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Account plans, relationship maps, supplier status and the Hise & Reid health of accounts and of the whole
 * programme.
 */
@ApplicationScoped
public class AccountService {

    /** One buying-centre contact on the map. */
    public record MappedContact(String contactId, String name, String title, List<String> roles, String operatingUnit,
                                String ownerEmployeeId, Integer cadenceDays, LocalDate lastContact, boolean unowned, boolean overdue) {
    }

    /**
     * The relationship map; {@code bowTie} when the customer is reached through a single contact only; {@code units}
     * per operating unit whether a rep covering it owns a relationship there ({@code flagged} when none does).
     */
    public record RelationshipMap(String customerId, List<MappedContact> contacts, int unowned, boolean bowTie, List<UnitCoverage> units) {
    }

    public record AccountHealth(String customerId, TeamStatus status, List<Condition> conditions, int met) {
    }

    /**
     * Per condition, the share of open key-account teams meeting it, and the programme's outcome: how many key
     * accounts hold preferred or strategic supplier status.
     */
    public record ProgrammeScorecard(int teams, List<ConditionShare> conditions, SupplierStatusIndicator supplierStatus) {
    }

    public record ConditionShare(int number, String name, int met, double share) {
    }

    /**
     * The share of key accounts (with an open team and a known status) at which we are preferred or strategic
     * supplier, now and {@code periodDays} ago, and which way it moved.
     */
    public record SupplierStatusIndicator(int keyAccounts, int preferredOrStrategic, double share, Double shareBefore, int periodDays,
                                          String trend, Map<SupplierStatus, Integer> byStatus) {
    }

    /** Our supplier status at one key account since its designation, with every movement. */
    public record SupplierStatusView(String customerId, SupplierStatus current, Instant since, List<SupplierStatus.Observation> history) {
    }

    /** A goal with, when KAM can measure it itself, how it stands. */
    public record GoalView(String title, String metric, String target, LocalDate dueDate, String status, GoalEvaluation evaluation) {
    }

    public record GoalEvaluation(String current, boolean achieved) {
    }

    public record PlanView(String mission, List<GoalView> goals, List<AccountPlan.CommunicationLine> communication, int version) {
    }

    static final int TREND_DAYS = 90;

    private final TeamRepository repository;
    private final OutboxWriter outbox;
    private final AuditTrail auditTrail;

    private final Clock clock;

    AccountService(TeamRepository repository, OutboxWriter outbox, AuditTrail auditTrail, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.outbox = outbox;
        this.auditTrail = auditTrail;
    }

    /**
     * Sets the account plan; only the team's key account manager or sales ops may (checked by the caller's identity).
     *
     * @throws InvalidRequestException when a supplier-status goal names no status, or a line names an unknown function or a
     *                                 cadence KAM does not read (see {@link AccountPlan.CommunicationLine#CADENCES})
     */
    @Transactional
    public PlanView setPlan(UUID customerId, AccountPlan plan, Editor editor) {
        List<InvalidRequestException.Violation> violations = violations(plan);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Team team = openTeam(customerId);
        editor.requireMayEdit(team);
        int version = repository.plan(team.teamId()).map(AccountPlan::version).orElse(0) + 1;
        AccountPlan stored = new AccountPlan(plan.mission(), plan.goals(), plan.communication(), version);
        repository.savePlan(team.teamId(), stored, editor.name());
        outbox.record(EventType.TEAM_PLAN_UPDATED, customerId.toString(), Map.of("customerId", customerId.toString(),
                "teamId", team.teamId().toString(), "mission", stored.mission(), "goals", stored.goals(),
                "communication", stored.communication(), "version", version, "updatedAt", clock.instant().toString()));
        return view(stored, customerId);
    }

    private static List<InvalidRequestException.Violation> violations(AccountPlan plan) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        for (int i = 0; i < plan.goals().size(); i++) {
            AccountPlan.Goal goal = plan.goals().get(i);
            if (goal.aboutSupplierStatus() && SupplierStatus.of(goal.target()).isEmpty()) {
                violations.add(new InvalidRequestException.Violation("goals[" + i + "].target",
                        "a goal on " + AccountPlan.SUPPLIER_STATUS_METRIC + " targets one of " + Arrays.toString(SupplierStatus.values())));
            }
        }
        for (int i = 0; i < plan.communication().size(); i++) {
            if (plan.communication().get(i).period().isEmpty()) {
                violations.add(new InvalidRequestException.Violation("communication[" + i + "].cadence",
                        "must be " + AccountPlan.CommunicationLine.CADENCES));
            }
            for (String function : plan.communication().get(i).functions()) {
                if (AccountPlan.LineFunction.of(function).isEmpty()) {
                    violations.add(new InvalidRequestException.Violation("communication[" + i + "].functions",
                            function + " is not one of " + Arrays.toString(AccountPlan.LineFunction.values())));
                }
            }
        }
        return violations;
    }

    @Transactional
    public Optional<PlanView> plan(UUID customerId) {
        return repository.latestTeam(customerId).flatMap(team -> repository.plan(team.teamId())).map(plan -> view(plan, customerId));
    }

    /** The plan with its supplier-status goals evaluated against our status at the customer now. */
    private PlanView view(AccountPlan plan, UUID customerId) {
        Optional<SupplierStatus> current = currentStatus(customerId);
        List<GoalView> goals = plan.goals().stream().map(goal -> new GoalView(goal.title(), goal.metric(), goal.target(), goal.dueDate(),
                goal.status(), goal.aboutSupplierStatus() ? new GoalEvaluation(current.map(Enum::name).orElse(null),
                        SupplierStatus.achieves(current.orElse(null), SupplierStatus.valueOf(goal.target()))) : null)).toList();
        return new PlanView(plan.mission(), goals, plan.communication(), plan.version());
    }

    private Optional<SupplierStatus> currentStatus(UUID customerId) {
        List<Map.Entry<String, Instant>> history = repository.supplierStatusHistory(customerId);
        return history.isEmpty() ? Optional.empty() : SupplierStatus.of(history.get(history.size() - 1).getKey());
    }

    /** Our supplier status at the key account since its designation: the outcome the programme works for. */
    @Transactional
    public SupplierStatusView supplierStatus(UUID customerId) {
        repository.latestTeam(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        List<Map.Entry<String, Instant>> rows = repository.supplierStatusHistory(customerId);
        List<SupplierStatus.Observation> history = SupplierStatus.history(
                rows.stream().map(row -> SupplierStatus.valueOf(row.getKey())).toList(), rows.stream().map(Map.Entry::getValue).toList());
        SupplierStatus.Observation last = history.isEmpty() ? null : history.get(history.size() - 1);
        return new SupplierStatusView(customerId.toString(), last == null ? null : last.status(), last == null ? null : last.at(), history);
    }

    /** Gives a buying-centre contact an owner on the team, a cadence and the date of the last contact. */
    @Transactional
    public Relationship setRelationship(UUID customerId, Relationship relationship, Editor editor) {
        Team team = openTeam(customerId);
        editor.requireMayEdit(team);
        if (repository.contacts(customerId).stream().noneMatch(c -> c.contactId().equals(relationship.contactId()))) {
            throw new TeamRuleViolation(relationship.contactId() + " is not in the customer's buying centre");
        }
        if (team.activeMembers().stream().noneMatch(m -> m.employeeId().equals(relationship.ownerEmployeeId()))) {
            throw new TeamRuleViolation("the owner of a relationship must be on the team; " + relationship.ownerEmployeeId() + " is not");
        }
        repository.saveRelationship(team.teamId(), relationship);
        auditTrail.record("team.relationship-set", "team", customerId.toString(), relationship);
        return relationship;
    }

    @Transactional
    public RelationshipMap relationships(UUID customerId) {
        Team team = repository.latestTeam(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        Map<String, Relationship> owned = new LinkedHashMap<>();
        repository.relationships(team.teamId()).forEach(r -> owned.put(r.contactId(), r));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<MappedContact> contacts = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        List<Contact> buyingCenter = repository.contacts(customerId);
        for (Contact contact : buyingCenter) {
            Relationship relationship = owned.get(contact.contactId());
            boolean ownerOnTeam = relationship != null && team.activeMembers().stream()
                    .anyMatch(m -> m.employeeId().equals(relationship.ownerEmployeeId()));
            if (ownerOnTeam) {
                owners.put(contact.contactId(), relationship.ownerEmployeeId());
            }
            contacts.add(new MappedContact(contact.contactId(), contact.name(), contact.title(), contact.roles(), contact.operatingUnit(),
                    ownerOnTeam ? relationship.ownerEmployeeId() : null, relationship == null ? null : relationship.cadenceDays(),
                    relationship == null ? null : relationship.lastContact(), !ownerOnTeam,
                    ownerOnTeam && relationship.overdue(today)));
        }
        int unowned = (int) contacts.stream().filter(MappedContact::unowned).count();
        boolean bowTie = contacts.size() - unowned <= 1;
        return new RelationshipMap(customerId.toString(), contacts, unowned, bowTie, UnitCoverage.of(team, buyingCenter, owners));
    }

    @Transactional
    public AccountHealth health(UUID customerId) {
        Team team = repository.latestTeam(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        List<Condition> conditions = ProgrammeHealth.evaluate(facts(team, clock.instant()));
        return new AccountHealth(customerId.toString(), team.status(), conditions, (int) conditions.stream().filter(Condition::met).count());
    }

    @Transactional
    public ProgrammeScorecard programme() {
        List<Team> open = new ArrayList<>();
        open.addAll(repository.teams(TeamStatus.FORMING, null, 100_000));
        open.addAll(repository.teams(TeamStatus.ACTIVE, null, 100_000));
        int[] met = new int[6];
        String[] names = new String[6];
        Instant now = clock.instant();
        for (Team team : open) {
            for (Condition condition : ProgrammeHealth.evaluate(facts(team, now))) {
                names[condition.number() - 1] = condition.name();
                if (condition.met()) {
                    met[condition.number() - 1]++;
                }
            }
        }
        List<ConditionShare> shares = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shares.add(new ConditionShare(i + 1, names[i], met[i], share(met[i], open.size())));
        }
        return new ProgrammeScorecard(open.size(), shares, supplierStatusIndicator(now));
    }

    /** The programme's outcome: preferred or strategic supplier status at its key accounts, now and a quarter ago. */
    private SupplierStatusIndicator supplierStatusIndicator(Instant now) {
        Map<UUID, String> current = repository.supplierStatusOfOpenTeams(now);
        Map<UUID, String> before = repository.supplierStatusOfOpenTeams(now.minus(Duration.ofDays(TREND_DAYS)));
        Map<SupplierStatus, Integer> byStatus = new java.util.EnumMap<>(SupplierStatus.class);
        Arrays.stream(SupplierStatus.values()).forEach(status -> byStatus.put(status, 0));
        current.values().forEach(status -> SupplierStatus.of(status).ifPresent(s -> byStatus.merge(s, 1, Integer::sum)));
        int reached = (int) current.values().stream().filter(status -> SupplierStatus.of(status).map(SupplierStatus::reached).orElse(false)).count();
        double share = share(reached, current.size());
        Double shareBefore = before.isEmpty() ? null : share((int) before.values().stream()
                .filter(status -> SupplierStatus.of(status).map(SupplierStatus::reached).orElse(false)).count(), before.size());
        String trend = shareBefore == null ? "NEW" : share > shareBefore ? "UP" : share < shareBefore ? "DOWN" : "FLAT";
        return new SupplierStatusIndicator(current.size(), reached, share, shareBefore, TREND_DAYS, trend, byStatus);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private ProgrammeHealth.TeamFacts facts(Team team, Instant now) {
        Map<String, StaffMember> staff = new HashMap<>();
        for (Membership member : team.activeMembers()) {
            repository.staffMember(member.employeeId()).ifPresent(person -> {
                staff.put(person.employeeId(), person);
                if (person.managerId() != null && member.role() == dev.kam.team.domain.TeamRole.KEY_ACCOUNT_MANAGER) {
                    repository.staffMember(person.managerId()).ifPresent(manager -> staff.put(manager.employeeId(), manager));
                }
            });
        }
        return new ProgrammeHealth.TeamFacts(team, staff, repository.plan(team.teamId()),
                repository.functionalAreas(UUID.fromString(team.customerId())), now);
    }

    private Team openTeam(UUID customerId) {
        return repository.openTeamForUpdate(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
    }

    /** Who edits, and whether they may: sales ops any team, a key account manager only their own. */
    public record Editor(String name, boolean salesOps) {
        public void requireMayEdit(Team team) {
            if (salesOps) {
                return;
            }
            String lead = team.keyAccountManager().map(Membership::employeeId).orElse(null);
            if (!name.equals(lead)) {
                throw new NotYourTeamException(name, team.customerId());
            }
        }
    }
}
