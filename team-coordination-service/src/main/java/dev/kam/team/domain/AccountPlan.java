package dev.kam.team.domain;

import java.time.LocalDate;
import java.util.List;

/** The account plan (Hise & Reid condition 4: goals set and missions defined). */
public record AccountPlan(String mission, List<Goal> goals, List<CommunicationLine> communication, int version) {

    /** A measurable goal: what is measured, the target, by when, and how it stands. */
    public record Goal(String title, String metric, String target, LocalDate dueDate, String status) {
        public boolean measurable() {
            return metric != null && !metric.isBlank() && target != null && !target.isBlank() && dueDate != null;
        }
    }

    /** A regular line of communication, e.g. between sales and service (condition 3). */
    public record CommunicationLine(String between, String channel, String cadence) {
    }

    public boolean hasMissionAndMeasurableGoals() {
        return mission != null && !mission.isBlank() && goals.stream().anyMatch(Goal::measurable);
    }
}
