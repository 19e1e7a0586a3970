package dev.kam.foundation.security;

/** The roles of the contract, carried in the JWT's {@code groups} claim. */
public final class Roles {

    /** CRM and HR sync jobs: write customers and staff. */
    public static final String CRM_INTEGRATION = "crm-integration";
    /** Works on teams and plans. */
    public static final String KEY_ACCOUNT_MANAGER = "key-account-manager";
    /** Scoring models, overrides, team staffing. */
    public static final String SALES_OPS = "sales-ops";
    /** Reads everything. */
    public static final String VIEWER = "viewer";
    /**
     * Manages people of the supplier: a regional sales manager agrees to their field reps' work on account teams, the
     * head of a function approves the specialists requested from it. The token's subject is their employee id.
     */
    public static final String LINE_MANAGER = "line-manager";
    /** Runs the platform: retries or drops outbox events Kafka refused. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
