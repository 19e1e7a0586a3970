package dev.kam.scoring.service;

import java.util.UUID;

public class CustomerNotScoredException extends RuntimeException {

    public CustomerNotScoredException(UUID customerId) {
        super("no score for customer " + customerId + " (scoring knows customers once customer-service published them)");
    }
}
