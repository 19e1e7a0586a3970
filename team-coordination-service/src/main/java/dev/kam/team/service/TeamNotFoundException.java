package dev.kam.team.service;

import java.util.UUID;

public class TeamNotFoundException extends RuntimeException {

    public TeamNotFoundException(UUID customerId) {
        super("customer " + customerId + " has no open account team (it gets one when scoring designates it a key account)");
    }
}
