package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kam.console.domain.AccountPlan;
import dev.kam.console.domain.AccountSummary;
import dev.kam.console.domain.Condition;
import dev.kam.console.domain.Criterion;
import dev.kam.console.domain.HistoryPoint;
import dev.kam.console.domain.RelationshipMap;
import dev.kam.console.domain.Score;
import dev.kam.console.domain.StaffingProposal;
import dev.kam.console.domain.Team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The services' JSON answers read into the console's records, in one place. */
final class Views {

    private Views() {
    }

    static AccountSummary keyAccount(JsonNode item, String name) {
        return new AccountSummary(item.path("customerId").asText(), name, item.path("designation").asText(), item.path("reach").asText(),
                item.path("score").asDouble(), texts(item.path("regions")), List.of());
    }

    static Score score(JsonNode score) {
        List<Criterion> criteria = new ArrayList<>();
        score.path("criteria").fields().forEachRemaining(entry -> criteria.add(new Criterion(entry.getKey(), Criterion.labelOf(entry.getKey()),
                entry.getValue().path("score").asDouble(), entry.getValue().path("weight").asDouble(),
                entry.getValue().path("contribution").asDouble(), texts(entry.getValue().path("missing")))));
        JsonNode override = score.path("override");
        return new Score(score.path("customerId").asText(), score.path("modelVersion").asInt(), score.path("score").asDouble(),
                score.path("tier").asText(), score.path("designation").asText(), score.path("reach").asText(null),
                score.path("confidence").asDouble(), criteria, texts(score.path("reasons")), texts(score.path("whatWouldChange")),
                texts(score.path("regions")),
                override.isObject() ? new Score.Override(override.path("tier").asText(), override.path("reason").asText(),
                        override.path("expiresAt").asText(null), override.path("by").asText(null)) : null);
    }

    static List<HistoryPoint> history(JsonNode history) {
        return list(history, point -> new HistoryPoint(Instant.parse(point.path("scoredAt").asText()), point.path("score").asDouble(),
                point.path("tier").asText(), point.path("designation").asText(), point.path("cause").asText(), point.path("modelVersion").asInt()));
    }

    static Team team(JsonNode team) {
        return new Team(team.path("customerId").asText(), team.path("status").asText(), team.path("designation").asText(),
                texts(team.path("territories")),
                list(team.path("members"), member -> new Team.Member(member.path("memberId").asText(), member.path("employeeId").asText(),
                        member.path("role").asText(), texts(member.path("coverage")))),
                list(team.path("coverageGaps"), gap -> new Team.Gap(gap.path("kind").asText(), gap.path("value").asText())),
                list(team.path("coverage"), row -> new Team.Coverage(row.path("kind").asText(), row.path("value").asText(),
                        list(row.path("fieldReps"), rep -> rep.isTextual() ? rep.asText() : rep.path("employeeId").asText()))));
    }

    static StaffingProposal staffing(JsonNode proposal) {
        return new StaffingProposal(
                list(proposal.path("proposals"), proposed -> new StaffingProposal.Proposed(proposed.path("role").asText(),
                        proposed.path("employeeId").asText(), texts(proposed.path("coverage")), proposed.path("reason").asText())),
                list(proposal.path("unfilled"), unfilled -> new StaffingProposal.Unfilled(
                        unfilled.path("gap").path("kind").asText() + " " + unfilled.path("gap").path("value").asText(), unfilled.path("reason").asText())));
    }

    static AccountPlan plan(JsonNode plan) {
        return new AccountPlan(plan.path("mission").asText(),
                list(plan.path("goals"), goal -> new AccountPlan.Goal(goal.path("title").asText(), goal.path("target").asText(null),
                        goal.path("dueDate").asText(null), goal.path("status").asText(null), goal.path("evaluation").path("current").asText(null),
                        goal.path("evaluation").path("achieved").asBoolean(false))),
                plan.path("goals"), plan.path("communication"), plan.path("version").asInt());
    }

    static RelationshipMap relationships(JsonNode map) {
        return new RelationshipMap(list(map.path("contacts"), contact -> new RelationshipMap.Contact(contact.path("contactId").asText(),
                        contact.path("name").asText(null), contact.path("title").asText(null), texts(contact.path("roles")),
                        contact.path("ownerEmployeeId").asText(null), contact.path("cadenceDays").isInt() ? contact.path("cadenceDays").asInt() : null,
                        contact.path("lastContact").asText(null), contact.path("unowned").asBoolean(), contact.path("overdue").asBoolean())),
                map.path("unowned").asInt(), map.path("bowTie").asBoolean());
    }

    static List<Condition> conditions(JsonNode health) {
        return list(health.path("conditions"), condition -> new Condition(condition.path("number").asInt(), condition.path("name").asText(),
                condition.path("met").asBoolean(), condition.path("evidence").asText()));
    }

    static List<String> texts(JsonNode array) {
        return list(array, JsonNode::asText);
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> reader) {
        List<T> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(element -> items.add(reader.apply(element)));
        }
        return items;
    }
}
