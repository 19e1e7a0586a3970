package dev.kam.console.rest;

import dev.kam.console.service.ServiceCallException;

import java.util.UUID;

/** A customer's id in a console path is a UUID as the services give them; anything else names no account: a 404 page
 * that says so (and never a Location or a stream built from it). */
final class CustomerIds {

    static String require(String customerId) {
        try {
            UUID parsed = UUID.fromString(customerId);
            if (parsed.toString().equalsIgnoreCase(customerId)) {
                return customerId;
            }
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            // answered below
        }
        throw new ServiceCallException(404, "Not found", "no account has the id " + (customerId == null ? "" : customerId.length() > 40
                ? customerId.substring(0, 40) + "..." : customerId));
    }

    private CustomerIds() {
    }
}
