package dev.kam.platform.faults;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * The order of the test classes (junit-platform.properties): first those that start no platform or one of their own,
 * then the scenarios on the shared one-broker platform, the three-broker scenarios last. The shared platforms run
 * until the end of the run: so they never run beside another test's platform on two cores, and each starts once
 * (the file system's order had put classes of the other kind between them).
 */
public final class PlatformsInTurn implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(PlatformsInTurn::turn)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int turn(ClassDescriptor descriptor) {
        Class<?> test = descriptor.getTestClass();
        if (!FaultScenario.class.isAssignableFrom(test)) {
            return 0;
        }
        return test == KafkaClusterFaultTest.class ? 2 : 1;
    }
}
