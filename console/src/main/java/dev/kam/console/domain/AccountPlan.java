package dev.kam.console.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A team's account plan: the mission, its goals and communication lines. {@code goals} and {@code communication} are
 * kept as the service wrote them, so that a change of the mission sends them back unchanged.
 */
public record AccountPlan(String mission, List<Goal> goalViews, JsonNode goals, JsonNode communication, int version) {

    public record Goal(String title, String target, String dueDate, String status, String current, boolean achieved) {
    }

    public AccountPlan {
        goalViews = List.copyOf(goalViews);
    }
}
