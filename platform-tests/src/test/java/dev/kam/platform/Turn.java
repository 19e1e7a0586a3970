package dev.kam.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * When a test class runs among the platform tests (see {@code PlatformsInTurn}): lower first. Without it, a class runs
 * in turn {@link #OWN_PLATFORM}, or {@link #ONE_BROKER} if it is a fault scenario.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Turn {

    /** Tests on the demo's platform that read it as the demo left it. */
    int DEMO_AS_LOADED = 0;
    /** Tests on the demo's platform that change it. */
    int DEMO_CHANGED = 1;
    /** Tests without a platform or with one of their own. */
    int OWN_PLATFORM = 2;
    /** Fault scenarios on the shared one-broker platform. */
    int ONE_BROKER = 3;
    /** Fault scenarios on the shared three-broker platform. */
    int THREE_BROKERS = 4;

    int value();
}
