package dev.kam.team.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * To whom an account that lost key-account status goes back: transactional coverage by a field rep of its sales
 * territory and that rep's sales manager (table 6.1: one or two reps per customer instead of a team).
 *
 * @param territory    the territory the rep works in
 * @param fieldRepId   the rep who takes the account over
 * @param salesManagerId the rep's line manager, who answers for the territory
 */
public record HandOver(String territory, String fieldRepId, String salesManagerId) {

    /**
     * The rep to hand over to: a field rep of the team who covers one of its territories keeps the account (they know
     * it); otherwise the field sales person of the territories (in the customer's order) with the fewest key accounts.
     *
     * @param territories the customer's sales territories, most important first
     * @param directory   field sales staff of those territories
     * @param load        how many teams each person is on
     * @return empty when the customer has no territory or nobody works in them
     */
    public static Optional<HandOver> choose(Team team, List<String> territories, List<StaffMember> directory, ToIntFunction<String> load) {
        for (String territory : territories) {
            Optional<HandOver> fromTeam = team.activeMembers().stream()
                    .filter(m -> m.role() == TeamRole.FIELD_REP && m.coverage().contains(Membership.region(territory)))
                    .sorted(Comparator.comparing(Membership::employeeId))
                    .flatMap(m -> directory.stream().filter(s -> s.employeeId().equals(m.employeeId())))
                    .findFirst().map(rep -> new HandOver(territory, rep.employeeId(), rep.managerId()));
            if (fromTeam.isPresent()) {
                return fromTeam;
            }
        }
        for (String territory : territories) {
            Optional<HandOver> fromDirectory = directory.stream()
                    .filter(s -> s.function() == StaffFunction.FIELD_SALES && s.regions().contains(territory))
                    .min(Comparator.comparingInt((StaffMember s) -> load.applyAsInt(s.employeeId())).thenComparing(StaffMember::employeeId))
                    .map(rep -> new HandOver(territory, rep.employeeId(), rep.managerId()));
            if (fromDirectory.isPresent()) {
                return fromDirectory;
            }
        }
        return Optional.empty();
    }
}
