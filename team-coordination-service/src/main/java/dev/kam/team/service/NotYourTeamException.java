package dev.kam.team.service;

/** The caller may not make this change on this team (answered 403 with the reason). */
public class NotYourTeamException extends RuntimeException {

    public NotYourTeamException(String who, String customerId) {
        super(who + " is not the key account manager of customer " + customerId + "'s team");
    }

    private NotYourTeamException(String message) {
        super(message);
    }

    public static NotYourTeamException because(String message) {
        return new NotYourTeamException(message);
    }
}
