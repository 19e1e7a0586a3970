package dev.kam.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One platform at a time on two cores: a platform that tests share (the demo's, the fault scenarios') runs until
 * another {@code ./kam up} begins, which stops it first (see {@link KamCommand#run}), or until the test JVM ends.
 */
public final class SharedPlatforms {

    private static final Map<Path, Runnable> RUNNING = new LinkedHashMap<>();

    private SharedPlatforms() {
    }

    /** A shared platform in {@code home} is up; {@code stop} downs it (and must be safe to call twice). */
    public static synchronized void started(Path home, Runnable stop) {
        RUNNING.put(home, stop);
    }

    /** The shared platform in {@code home} is down. */
    public static synchronized void stopped(Path home) {
        RUNNING.remove(home);
    }

    /** Stops every shared platform but the one in {@code home}: called before a platform comes up there. */
    static void stopAllBut(Path home) {
        Map<Path, Runnable> others;
        synchronized (SharedPlatforms.class) {
            others = new LinkedHashMap<>(RUNNING);
            others.remove(home);
        }
        others.values().forEach(Runnable::run);
    }
}
