package dev.kam.platform.faults;

import dev.kam.platform.Turn;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * The order of the test classes (junit-platform.properties), by their {@link Turn}: the tests on the demo's platform,
 * those that start no platform or one of their own, the scenarios on the shared one-broker platform, the three-broker
 * ones last. A shared platform runs until the next {@code ./kam up}: in this order each starts once and none runs
 * beside another test's platform on two cores (the file system's order had put classes of other kinds between them).
 */
public final class PlatformsInTurn implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(PlatformsInTurn::turn)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int turn(ClassDescriptor descriptor) {
        Class<?> test = descriptor.getTestClass();
        Turn turn = test.getAnnotation(Turn.class);
        if (turn != null) {
            return turn.value();
        }
        return FaultScenario.class.isAssignableFrom(test) ? Turn.ONE_BROKER : Turn.OWN_PLATFORM;
    }
}
