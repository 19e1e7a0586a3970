package dev.kam.contracts;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type of the contract: its {@code ce_type}, the topic it travels on and its JSON Schema.
 * The version is part of the type; a breaking change is a new constant, never an edit of an old schema.
 */
public enum EventType {

    CUSTOMER_REGISTERED("kam.customer.registered.v1", Topics.CUSTOMER_EVENTS),
    CUSTOMER_PROFILE_CHANGED("kam.customer.profile-changed.v1", Topics.CUSTOMER_EVENTS),
    CUSTOMER_ARCHIVED("kam.customer.archived.v1", Topics.CUSTOMER_EVENTS),

    CUSTOMER_SCORED("kam.scoring.customer-scored.v1", Topics.SCORING_EVENTS),
    KEY_ACCOUNT_DESIGNATED("kam.scoring.key-account-designated.v1", Topics.SCORING_EVENTS),
    DESIGNATION_CHANGED("kam.scoring.designation-changed.v1", Topics.SCORING_EVENTS),
    KEY_ACCOUNT_REVOKED("kam.scoring.key-account-revoked.v1", Topics.SCORING_EVENTS),
    /** A key account's territories, reach or identification changed while its designation stayed. */
    KEY_ACCOUNT_UPDATED("kam.scoring.key-account-updated.v1", Topics.SCORING_EVENTS),
    /** The record of the compacted state topic: the current designation of one customer. */
    KEY_ACCOUNT_STATE("kam.scoring.key-account-state.v1", Topics.KEY_ACCOUNTS_STATE),

    TEAM_FORMED("kam.team.formed.v1", Topics.TEAM_EVENTS),
    TEAM_MEMBER_ASSIGNED("kam.team.member-assigned.v1", Topics.TEAM_EVENTS),
    TEAM_MEMBER_RELEASED("kam.team.member-released.v1", Topics.TEAM_EVENTS),
    TEAM_ACTIVATED("kam.team.activated.v1", Topics.TEAM_EVENTS),
    TEAM_COVERAGE_GAP_DETECTED("kam.team.coverage-gap-detected.v1", Topics.TEAM_EVENTS),
    TEAM_PLAN_UPDATED("kam.team.plan-updated.v1", Topics.TEAM_EVENTS),
    TEAM_COORDINATION_CHANGED("kam.team.coordination-changed.v1", Topics.TEAM_EVENTS),
    TEAM_WINDING_DOWN("kam.team.winding-down.v1", Topics.TEAM_EVENTS),
    TEAM_REINSTATED("kam.team.reinstated.v1", Topics.TEAM_EVENTS),
    TEAM_DISSOLVED("kam.team.dissolved.v1", Topics.TEAM_EVENTS);

    private final String ceType;
    private final String topic;

    EventType(String ceType, String topic) {
        this.ceType = ceType;
        this.topic = topic;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    /**
     * Where the JSON Schema of this type's data lies in the event contract, relative to its folder (the one holding
     * {@code asyncapi.yaml}): on the classpath under {@code schemas/}, and served by every service under {@code /schemas/}.
     */
    public String schemaPath() {
        return "events/" + ceType + ".json";
    }

    /** Classpath location of the JSON Schema of this type's data. */
    public String schemaResource() {
        return EventSchemas.CLASSPATH_FOLDER + schemaPath();
    }

    /**
     * The {@code ce_dataschema} of this type: the address its schema is served at.
     *
     * @param schemasBase the address of the served {@code /schemas/} folder, ending in a slash
     */
    public URI dataSchema(URI schemasBase) {
        return schemasBase.resolve(schemaPath());
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(type -> type.ceType.equals(ceType)).findFirst();
    }
}
