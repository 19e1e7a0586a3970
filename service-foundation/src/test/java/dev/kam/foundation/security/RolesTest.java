package dev.kam.foundation.security;

import dev.kam.contracts.PlatformFacts;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The role names the resources are annotated with are the roles of platform-facts.properties, no more, no fewer. */
class RolesTest {

    @Test
    void theConstantsNameExactlyThePlatformsRoles() {
        assertThat(Arrays.stream(Roles.class.getDeclaredFields()).filter(field -> Modifier.isStatic(field.getModifiers()))
                .map(RolesTest::value)).containsExactlyInAnyOrderElementsOf(PlatformFacts.roles());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
