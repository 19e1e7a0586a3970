package dev.kam.team.service;

public class NotYourTeamException extends RuntimeException {

    public NotYourTeamException(String who, String customerId) {
        super(who + " is not the key account manager of customer " + customerId + "'s team");
    }
}
