package dev.kam.contracts;

/** The services of the platform, as they name themselves in {@code ce_source} and in their DLQ topics. */
public final class ServiceNames {

    public static final String CUSTOMER_SERVICE = "customer-service";
    public static final String SCORING_SERVICE = "scoring-service";
    public static final String TEAM_COORDINATION_SERVICE = "team-coordination-service";

    /** The {@code ce_source} of events a service publishes. */
    public static String eventSource(String serviceName) {
        return "/kam/" + serviceName;
    }

    private ServiceNames() {
    }
}
