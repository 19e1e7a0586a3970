package dev.kam.team.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Coordination across the customer's units: for each operating unit, its buying-centre contacts, the field reps who
 * cover the unit, and whether any of those contacts has a relationship owned by one of them. A unit whose contacts
 * nobody covering it knows is flagged: the rep who should sell there does not talk to the people who buy there.
 *
 * @param ownedByCoveringRep the unit's contacts whose relationship a rep covering the unit owns
 */
public record UnitCoverage(String unit, List<String> contacts, List<String> coveringReps, List<String> ownedByCoveringRep, boolean flagged) {

    /** @param owners contact id to the team member who owns the relationship with them */
    public static List<UnitCoverage> of(Team team, List<Contact> contacts, Map<String, String> owners) {
        TreeSet<String> units = new TreeSet<>(team.operatingUnits());
        contacts.stream().map(Contact::operatingUnit).filter(Objects::nonNull).forEach(units::add);
        List<UnitCoverage> coverage = new ArrayList<>();
        for (String unit : units) {
            List<String> inUnit = contacts.stream().filter(c -> unit.equals(c.operatingUnit())).map(Contact::contactId).sorted().toList();
            List<String> reps = team.activeMembers().stream()
                    .filter(m -> m.role() == TeamRole.FIELD_REP && m.coverage().contains(Membership.unit(unit)))
                    .map(Membership::employeeId).distinct().sorted().toList();
            List<String> owned = inUnit.stream().filter(contact -> reps.contains(owners.get(contact))).toList();
            coverage.add(new UnitCoverage(unit, inUnit, reps, owned, !inUnit.isEmpty() && owned.isEmpty()));
        }
        return coverage;
    }
}
