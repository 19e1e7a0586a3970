package dev.kam.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.infrastructure.DevTokens;

import java.time.Duration;
import java.util.List;

/** Bearer tokens for tests, signed by the key the services under test trust. */
public final class TestTokens {

    public static String withRoles(String... roles) {
        return DevTokens.sign(KamInfrastructureResource.keys().privateKey(), "test-user", List.of(roles), Duration.ofMinutes(30));
    }

    /** A token for a named person, e.g. a key account manager whose employee id is the subject. */
    public static String forSubject(String subject, String... roles) {
        return DevTokens.sign(KamInfrastructureResource.keys().privateKey(), subject, List.of(roles), Duration.ofMinutes(30));
    }

    /** A token with the given header and claims, signed by the trusted key: for tokens that must be refused. */
    public static String signed(ObjectNode header, ObjectNode claims) {
        return DevTokens.sign(KamInfrastructureResource.keys().privateKey(), header, claims);
    }

    public static String bearer(String... roles) {
        return "Bearer " + withRoles(roles);
    }

    private TestTokens() {
    }
}
