package dev.kam.console.domain;

import java.util.List;

/** A standard account close to the promotion threshold, with what scoring says would change its tier. */
public record WatchedAccount(String customerId, String name, double score, double pointsShort, List<String> whatWouldChange) {

    public WatchedAccount {
        whatWouldChange = List.copyOf(whatWouldChange);
    }
}
