package dev.kam.team.domain;

/** An assignment that breaks a team rule; the message says which rule, in words. */
public class TeamRuleViolation extends RuntimeException {

    public TeamRuleViolation(String rule) {
        super(rule);
    }
}
