package dev.kam.team.service;

import dev.kam.foundation.audit.AuditTrail;

import dev.kam.contracts.EventType;
import dev.kam.foundation.outbox.OutboxWriter;
import dev.kam.team.domain.AccountPlan;
import dev.kam.team.domain.Contact;
import dev.kam.team.domain.Membership;
import dev.kam.team.domain.ProgrammeHealth;
import dev.kam.team.domain.ProgrammeHealth.Condition;
import dev.kam.team.domain.Relationship;
import dev.kam.team.domain.StaffMember;
import dev.kam.team.domain.Team;
import dev.kam.team.domain.TeamRuleViolation;
import dev.kam.team.domain.TeamStatus;
import dev.kam.team.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Account plans, relationship maps and the Hise & Reid health of accounts and of the whole programme. */
@ApplicationScoped
public class AccountService {

    /** One buying-centre contact on the map. */
    public record MappedContact(String contactId, String name, String title, List<String> roles, String ownerEmployeeId,
                                Integer cadenceDays, LocalDate lastContact, boolean unowned, boolean overdue) {
    }

    /** The relationship map; {@code bowTie} when the customer is reached through a single contact only. */
    public record RelationshipMap(String customerId, List<MappedContact> contacts, int unowned, boolean bowTie) {
    }

    public record AccountHealth(String customerId, TeamStatus status, List<Condition> conditions, int met) {
    }

    /** Per condition, the share of open key-account teams meeting it. */
    public record ProgrammeScorecard(int teams, List<ConditionShare> conditions) {
    }

    public record ConditionShare(int number, String name, int met, double share) {
    }

    private final TeamRepository repository;
    private final OutboxWriter outbox;

    private final AuditTrail auditTrail;

    AccountService(TeamRepository repository, OutboxWriter outbox, AuditTrail auditTrail) {
        this.repository = repository;
        this.outbox = outbox;
        this.auditTrail = auditTrail;
    }

    /** Sets the account plan; only the team's key account manager or sales ops may (checked by the caller's identity). */
    @Transactional
    public AccountPlan setPlan(UUID customerId, AccountPlan plan, Editor editor) {
        Team team = openTeam(customerId);
        editor.requireMayEdit(team);
        int version = repository.plan(team.teamId()).map(AccountPlan::version).orElse(0) + 1;
        AccountPlan stored = new AccountPlan(plan.mission(), plan.goals(), plan.communication(), version);
        repository.savePlan(team.teamId(), stored, editor.name());
        outbox.record(EventType.TEAM_PLAN_UPDATED, customerId.toString(), Map.of("customerId", customerId.toString(),
                "teamId", team.teamId().toString(), "mission", stored.mission(), "goals", stored.goals(),
                "communication", stored.communication(), "version", version, "updatedAt", Instant.now().toString()));
        return stored;
    }

    @Transactional
    public Optional<AccountPlan> plan(UUID customerId) {
        return repository.latestTeam(customerId).flatMap(team -> repository.plan(team.teamId()));
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
        for (Contact contact : repository.contacts(customerId)) {
            Relationship relationship = owned.get(contact.contactId());
            boolean ownerOnTeam = relationship != null && team.activeMembers().stream()
                    .anyMatch(m -> m.employeeId().equals(relationship.ownerEmployeeId()));
            contacts.add(new MappedContact(contact.contactId(), contact.name(), contact.title(), contact.roles(),
                    ownerOnTeam ? relationship.ownerEmployeeId() : null, relationship == null ? null : relationship.cadenceDays(),
                    relationship == null ? null : relationship.lastContact(), !ownerOnTeam,
                    ownerOnTeam && relationship.overdue(today)));
        }
        int unowned = (int) contacts.stream().filter(MappedContact::unowned).count();
        boolean bowTie = contacts.size() - unowned <= 1;
        return new RelationshipMap(customerId.toString(), contacts, unowned, bowTie);
    }

    @Transactional
    public AccountHealth health(UUID customerId) {
        Team team = repository.latestTeam(customerId).orElseThrow(() -> new TeamNotFoundException(customerId));
        List<Condition> conditions = ProgrammeHealth.evaluate(facts(team));
        return new AccountHealth(customerId.toString(), team.status(), conditions, (int) conditions.stream().filter(Condition::met).count());
    }

    @Transactional
    public ProgrammeScorecard programme() {
        List<Team> open = new ArrayList<>();
        open.addAll(repository.teams(TeamStatus.FORMING, null, 100_000));
        open.addAll(repository.teams(TeamStatus.ACTIVE, null, 100_000));
        int[] met = new int[6];
        String[] names = new String[6];
        for (Team team : open) {
            for (Condition condition : ProgrammeHealth.evaluate(facts(team))) {
                names[condition.number() - 1] = condition.name();
                if (condition.met()) {
                    met[condition.number() - 1]++;
                }
            }
        }
        List<ConditionShare> shares = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shares.add(new ConditionShare(i + 1, names[i], met[i], open.isEmpty() ? 0 : Math.round(1000.0 * met[i] / open.size()) / 1000.0));
        }
        return new ProgrammeScorecard(open.size(), shares);
    }

    private ProgrammeHealth.TeamFacts facts(Team team) {
        Optional<StaffMember> lead = team.keyAccountManager().map(Membership::employeeId).flatMap(repository::staffMember);
        Optional<StaffMember> leadsManager = lead.map(StaffMember::managerId).flatMap(repository::staffMember);
        return new ProgrammeHealth.TeamFacts(team, lead, leadsManager, repository.plan(team.teamId()));
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
